from decimal import Decimal, ROUND_HALF_UP


class RefundError(Exception):
    pass


class Refunds:
    def __init__(self, gateway, ledger):
        self.gateway = gateway
        self.ledger = ledger
        self.sent = {}

    def amount(self, payment, percent):
        if percent <= 0 or percent > 100:
            raise RefundError("percent must be in (0, 100]")
        value = Decimal(payment.amount) * Decimal(percent) / Decimal(100)
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def refund(self, payment, percent, attempts=3):
        value = self.amount(payment, percent)
        for attempt in range(attempts):
            try:
                receipt = self.gateway.refund(payment.id, value)
                self.sent[payment.id] = self.sent.get(payment.id, 0) + 1
                self.ledger.record(payment.id, -value, receipt)
                return receipt
            except TimeoutError:
                if attempt == attempts - 1:
                    raise
        return None

    def refunded(self, payment_id):
        return self.sent.get(payment_id, 0)

    def total(self, payments):
        result = Decimal(0)
        for payment in payments:
            result += Decimal(payment.amount)
        return result

    def report(self, payments):
        lines = []
        for payment in payments:
            lines.append(f"{payment.id}: {payment.amount} ({self.refunded(payment.id)} refunds)")
        lines.append(f"total: {self.total(payments)}")
        return "\n".join(lines)
