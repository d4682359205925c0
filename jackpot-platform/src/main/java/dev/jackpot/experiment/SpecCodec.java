package dev.jackpot.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * the wrong type and a field given twice; every error message names the field and the value. A spec
 * file that is empty, not text, or larger than {@link #MAX_FILE_BYTES} is refused before parsing.
 *
 * @param <T> the spec record type
 */
public final class SpecCodec<T extends Record> {

    /** The largest spec file read, in bytes (1 MiB): checked before reading, so a huge file costs nothing. */
    public static final long MAX_FILE_BYTES = 1 << 20;

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
        // A key given twice is an error, never "the last one wins" (which silently dropped a whole base: block).
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
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
     * Loads a spec from a {@code .yaml}, {@code .yml} or {@code .json} file. The file must be at most
     * {@link #MAX_FILE_BYTES} (checked before reading), UTF-8 text without NUL bytes, and hold at least
     * one field: an empty or comment-only file is an error, not a request for the defaults.
     *
     * @param file the file
     * @return the validated spec
     * @throws SpecException if the file cannot be read or the spec is invalid
     */
    public T read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new SpecException("spec file " + file + " is " + size + " bytes; a spec is at most "
                        + MAX_FILE_BYTES + " bytes (1 MiB). Is this the right file?", null);
            }
            text = text(Files.readAllBytes(file), file);
        } catch (IOException e) {
            throw new SpecException("cannot read spec file " + file + ": " + e.getMessage(), e);
        }
        JsonNode given = tree(text, name.endsWith(".json") ? JSON : YAML, file.toString());
        if (given == null || given.isMissingNode() || given.isNull()) {
            throw new SpecException("spec file " + file + " is empty or holds only comments; give at least one "
                    + "field, or leave the spec file out to run the defaults.", null);
        }
        return fromGiven(given, file.toString());
    }

    /** The bytes as UTF-8 text, or an error naming the first byte that shows the file is not text. */
    private static String text(byte[] bytes, Path file) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new SpecException("spec file " + file + " is not a text file (it holds a NUL byte at offset "
                        + i + "); a spec is YAML or JSON text.", null);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SpecException("spec file " + file + " is not UTF-8 text; a spec is YAML or JSON text.", e);
        }
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
        JsonNode given = tree(text, mapper, source);
        if (given == null || given.isMissingNode() || given.isNull()) {
            return defaults;
        }
        return fromGiven(given, source);
    }

    private static JsonNode tree(String text, ObjectMapper mapper, String source) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SpecException(source + " is not valid " + (mapper == JSON ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private T fromGiven(JsonNode given, String source) {
        if (!given.isObject()) {
            throw new SpecException(source + " must be a mapping of field names to values, got " + given.getNodeType(),
                    null);
        }
        ObjectNode merged = JSON.valueToTree(defaults);
        merge(merged, (ObjectNode) given, "", source);
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

    /**
     * Overlays {@code given} on {@code base}, matching keys case-insensitively; two keys of one mapping
     * that name the same field ({@code K} and {@code k}) are an error, as exact duplicates are in the parser.
     */
    private static void merge(ObjectNode base, ObjectNode given, String prefix, String source) {
        Map<String, String> seen = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = canonicalKey(base, field.getKey());
            String earlier = seen.put(key.toLowerCase(Locale.ROOT), field.getKey());
            if (earlier != null) {
                throw new SpecException(source + ": field '" + prefix + key + "' is given twice (as '" + earlier
                        + "' and '" + field.getKey() + "'); give it once.", null);
            }
            JsonNode existing = base.get(key);
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue(), prefix + key + ".", source);
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
