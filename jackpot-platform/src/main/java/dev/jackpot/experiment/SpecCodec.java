package dev.jackpot.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes spec records as YAML or JSON.
 *
 * <p>A spec file gives only the fields it wants to change: it is merged over the record's default
 * instance (keys match case-insensitively, so {@code K: 10} and {@code k: 10} are the same field),
 * then validated by the record's compact constructor. Unknown fields are an error, as are values of
 * the wrong type; every error message names the field and the value.
 *
 * @param <T> the spec record type
 */
public final class SpecCodec<T extends Record> {

    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(
            YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build())).build();

    private final Class<T> type;
    private final T defaults;

    /**
     * @param type     the record class
     * @param defaults the instance whose values stand for fields a file leaves out
     */
    public SpecCodec(Class<T> type, T defaults) {
        this.type = Objects.requireNonNull(type, "type");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B
    configure(B builder) {
        return builder.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** @return the JSON mapper shared by the experiment platform */
    public static ObjectMapper json() {
        return JSON;
    }

    /** @return the YAML mapper shared by the experiment platform */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** @return the default instance */
    public T defaults() {
        return defaults;
    }

    /**
     * Loads a spec from a {@code .yaml}, {@code .yml} or {@code .json} file.
     *
     * @param file the file
     * @return the validated spec
     * @throws SpecException if the file cannot be read or the spec is invalid
     */
    public T read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SpecException("cannot read spec file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, name.endsWith(".json") ? JSON : YAML, file.toString());
    }

    /**
     * Parses a spec from YAML text (JSON is valid YAML).
     *
     * @param text the document
     * @return the validated spec
     * @throws SpecException if the spec is invalid
     */
    public T parseYaml(String text) {
        return parse(text, YAML, "spec");
    }

    private T parse(String text, ObjectMapper mapper, String source) {
        JsonNode given;
        try {
            given = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SpecException(source + " is not valid " + (mapper == JSON ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage(), e);
        }
        if (given == null || given.isMissingNode() || given.isNull()) {
            return defaults;
        }
        if (!given.isObject()) {
            throw new SpecException(source + " must be a mapping of field names to values, got " + given.getNodeType(),
                    null);
        }
        ObjectNode merged = JSON.valueToTree(defaults);
        merge(merged, (ObjectNode) given, "");
        return fromTree(merged, source);
    }

    /**
     * Converts a complete tree into the record, translating Jackson's errors into sentences.
     *
     * @param tree   every field present
     * @param source where the tree came from, for messages
     * @return the validated record
     */
    public T fromTree(JsonNode tree, String source) {
        try {
            return JSON.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SpecException(source + ": " + cause.getMessage(), cause);
        } catch (UnrecognizedPropertyException e) {
            throw new SpecException(source + ": unknown field '" + path(e) + "'; known fields: "
                    + e.getKnownPropertyIds(), e);
        } catch (InvalidFormatException e) {
            throw new SpecException(source + ": field '" + path(e) + "' has value " + e.getValue()
                    + ", which is not a valid " + e.getTargetType().getSimpleName()
                    + allowed(e.getTargetType()), e);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new SpecException(source + ": field '" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new SpecException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String allowed(Class<?> target) {
        if (target.isEnum()) {
            return " (allowed: " + java.util.Arrays.toString(target.getEnumConstants()).toLowerCase(Locale.ROOT) + ")";
        }
        return "";
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Overlays {@code given} on {@code base}, matching keys case-insensitively. */
    private static void merge(ObjectNode base, ObjectNode given, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = canonicalKey(base, field.getKey());
            JsonNode existing = base.get(key);
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue(), prefix + key + ".");
            } else {
                base.set(key, field.getValue());
            }
        }
    }

    private static String canonicalKey(ObjectNode base, String key) {
        Iterator<String> names = base.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equalsIgnoreCase(key)) {
                return name;
            }
        }
        return key;
    }

    /**
     * @param spec a spec
     * @return its full YAML form, defaults included
     */
    public String toYaml(T spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + spec, e);
        }
    }

    /**
     * @param spec a spec
     * @return its JSON tree, defaults included
     */
    public ObjectNode toTree(T spec) {
        return JSON.valueToTree(spec);
    }
}
