package org.commandcenter.jenkins.mattermost.hpi;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the manifest's {@code Plugin-Dependencies}, parsed by the rules of Jenkins 2.479.3's
 * {@code PluginWrapper.Dependency} and {@code ClassicPluginStrategy.createPluginWrapper}: entries are split on
 * {@code ','}; the short name ends at the first {@code ':'} (none is an error); the rest is the version, whose
 * {@code ';'}-separated properties after the first mark the dependency optional when one of them, trimmed, equals
 * {@code resolution:=optional} ignoring case, in which case the version is the part before the first {@code ';'}.
 */
record PluginDependency(String shortName, String version, boolean optional) {

    static PluginDependency parse(String specifier) {
        int colon = specifier.indexOf(':');
        if (colon == -1) {
            throw new IllegalArgumentException("Illegal dependency specifier " + specifier);
        }
        String name = specifier.substring(0, colon);
        String version = specifier.substring(colon + 1);
        String[] properties = version.split(";");
        for (int i = 1; i < properties.length; i++) {
            if (properties[i].trim().equalsIgnoreCase("resolution:=optional")) {
                return new PluginDependency(name, properties[0], true);
            }
        }
        return new PluginDependency(name, version, false);
    }

    static List<PluginDependency> parseAll(String attribute) {
        List<PluginDependency> all = new ArrayList<>();
        if (attribute != null) {
            for (String specifier : attribute.split(",")) {
                all.add(parse(specifier));
            }
        }
        return all;
    }

    static PluginDependency required(String shortName, String version) {
        return new PluginDependency(shortName, version, false);
    }

    static PluginDependency optional(String shortName, String version) {
        return new PluginDependency(shortName, version, true);
    }
}
