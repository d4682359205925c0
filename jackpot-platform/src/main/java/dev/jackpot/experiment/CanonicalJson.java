package dev.jackpot.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.ticket.JsonText;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The canonical byte form of a spec that run ids hash.
 *
 * <ul>
 *   <li>Object keys sorted; no whitespace.</li>
 *   <li>Strings and numbers written by {@link JsonText}, the writer ticket files share: integers as
 *       written; floating-point values as the exact decimal expansion of the binary double, which no
 *       JDK change to {@code Double.toString} can alter, trailing zeros stripped, so 2.0 and 2 are the
 *       same number.</li>
 *   <li>Fields equal to the default instance are omitted, and objects left empty are omitted, so
 *       adding a field with a neutral default keeps every existing run id.</li>
 * </ul>
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * @param spec     the spec's tree
     * @param defaults the default instance's tree (null: omit nothing)
     * @return the canonical string
     */
    public static String of(JsonNode spec, JsonNode defaults) {
        Objects.requireNonNull(spec, "spec");
        StringBuilder sb = new StringBuilder();
        if (!write(spec, defaults, sb)) {
            // Everything equals its default: the empty object, never the empty string.
            sb.append(spec.isObject() ? "{}" : "");
        }
        return sb.toString();
    }

    private static boolean write(JsonNode node, JsonNode def, StringBuilder sb) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            Iterator<String> names = node.fieldNames();
            names.forEachRemaining(keys::add);
            keys.sort(null);
            StringBuilder body = new StringBuilder();
            for (String key : keys) {
                JsonNode child = node.get(key);
                JsonNode childDefault = def == null ? null : def.get(key);
                StringBuilder value = new StringBuilder();
                if (!write(child, childDefault, value)) {
                    continue;
                }
                if (body.length() > 0) {
                    body.append(',');
                }
                JsonText.quote(key, body);
                body.append(':').append(value);
            }
            if (body.length() == 0 && def != null) {
                return false;
            }
            sb.append('{').append(body).append('}');
            return true;
        }
        if (def != null && sameValue(node, def)) {
            return false;
        }
        if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(node.get(i), null, sb);
            }
            sb.append(']');
        } else if (node.isNumber()) {
            sb.append(number(node));
        } else if (node.isTextual()) {
            JsonText.quote(node.textValue(), sb);
        } else if (node.isBoolean()) {
            sb.append(node.booleanValue());
        } else if (node.isNull()) {
            sb.append("null");
        } else {
            throw new IllegalArgumentException("cannot canonicalise a " + node.getNodeType() + " node");
        }
        return true;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return number(a).equals(number(b));
        }
        return a.equals(b);
    }

    static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a spec cannot hold the non-finite number " + v);
        }
        return JsonText.number(v);
    }
}
