# Refunds of card payments: amounts, idempotent gateway calls, and the ledger.
#
# Every refund is recorded in the ledger exactly once, even when the gateway
# times out and the call is retried: the gateway deduplicates on the refund key.
from decimal import Decimal, ROUND_HALF_EVEN


class RefundError(Exception):
    # Raised for refunds that must never reach the gateway.
    pass


class Refunds:
    # The gateway and the ledger are injected so tests can replace them.
    def __init__(self, gateway, ledger):
        self.gateway = gateway
        self.ledger = ledger
        self.sent = {}

    def amount(self, payment, percent):
        # Percentages outside (0, 100] are a caller's bug, not a partial refund.
        if percent <= 0 or percent > 100:
            raise RefundError("percent must be in (0, 100]")
        value = Decimal(payment.amount) * Decimal(percent) / Decimal(100)
        # Banker's rounding, as the ledger does: 10.045 -> 10.04.
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)

    def refund(self, payment, percent, attempts=3):
        value = self.amount(payment, percent)
        # One key per refund: a retried call after a timeout is not a second refund.
        key = f"{payment.id}:{percent}"
        for attempt in range(attempts):
            try:
                receipt = self.gateway.refund(payment.id, value, idempotency_key=key)
                break
            except TimeoutError:
                # Give up after the last attempt; the caller alerts the on-call.
                if attempt == attempts - 1:
                    raise
        # Recorded once, after the gateway confirmed.
        self.sent[payment.id] = self.sent.get(payment.id, 0) + 1
        self.ledger.record(payment.id, -value, receipt)
        return receipt

    def refunded(self, payment_id):
        # How many refunds reached the gateway for this payment.
        return self.sent.get(payment_id, 0)
