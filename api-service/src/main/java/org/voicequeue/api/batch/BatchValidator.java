package org.voicequeue.api.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.voicequeue.api.job.ResolvedReference;
import org.voicequeue.api.job.SubmissionRules;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.api.system.WireJson;
import org.voicequeue.model.job.JobParams;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a whole batch before anything is created: the shared fields as a job's, then every item, naming bad item
 * fields {@code items[3].text}. All problems come back in one 400.
 */
@Component
class BatchValidator {
    static final Set<String> PARAMS =
            Set.of("speed", "nfe_steps", "cfg_strength", "sway_sampling_coef", "seed", "output_format");
    static final Set<String> ITEM_FIELDS = Set.of(
            "text",
            "id",
            "model",
            "metadata",
            "speed",
            "nfe_steps",
            "cfg_strength",
            "sway_sampling_coef",
            "seed",
            "output_format");
    static final int MAX_ITEM_ID_CHARS = 100;

    private final SubmissionRules rules;
    private final WireJson json;
    private final BatchProperties properties;

    BatchValidator(SubmissionRules rules, WireJson json, BatchProperties properties) {
        this.rules = rules;
        this.json = json;
        this.properties = properties;
    }

    ValidBatch validate(String owner, BatchForm form) {
        List<FieldProblem> problems = new ArrayList<>();
        ResolvedReference reference =
                rules.reference(owner, form.referenceAudio(), form.voiceId(), form.referenceText(), problems);
        String model = rules.model("model", form.model(), problems);
        JobParams shared = rules.params(form.params(), "", problems);
        String events = rules.callbackEvents(form.callbackUrl(), form.callbackEvents(), problems);
        rules.metadata("metadata", form.metadata(), problems);
        boolean join = flag("join", form.join(), problems);
        int pauseMs = pause(form.pauseMs(), problems);
        List<ValidBatch.Item> items = items(form.items(), model, shared, problems);
        if (!problems.isEmpty()) {
            throw new RequestValidationException(problems);
        }
        return new ValidBatch(
                reference, items, join, pauseMs, blank(form.callbackUrl()), events, blank(form.metadata()));
    }

    private List<ValidBatch.Item> items(
            @Nullable String raw, String model, @Nullable JobParams shared, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(FieldProblem.of("items", "is required: a JSON array of {text, id?, overrides}"));
            return List.of();
        }
        JsonNode array;
        try {
            array = json.tree(raw);
        } catch (JacksonException e) {
            problems.add(FieldProblem.of("items", "must be a JSON array (it is not valid JSON)"));
            return List.of();
        }
        if (!array.isArray() || array.isEmpty() || array.size() > properties.maxItems()) {
            problems.add(FieldProblem.of("items", "must be a JSON array of 1-" + properties.maxItems() + " items"));
            return List.of();
        }
        List<ValidBatch.Item> items = new ArrayList<>(array.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            ValidBatch.Item item = item(array.get(i), "items[" + i + "].", model, shared, ids, problems);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private ValidBatch.@Nullable Item item(
            JsonNode node,
            String prefix,
            String batchModel,
            @Nullable JobParams shared,
            Set<String> ids,
            List<FieldProblem> problems) {
        if (!node.isObject()) {
            problems.add(FieldProblem.of(prefix.substring(0, prefix.length() - 1), "must be a JSON object"));
            return null;
        }
        Map<String, @Nullable String> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!ITEM_FIELDS.contains(name)) {
                problems.add(FieldProblem.of(
                        prefix + name, "is not an item field (text, id, model, metadata or " + "a job parameter)"));
            } else if (PARAMS.contains(name)) {
                overrides.put(name, scalar(field.getValue(), prefix + name, problems));
            }
        }
        String text = rules.text(prefix + "text", scalar(node.get("text"), prefix + "text", problems), problems);
        String id = scalar(node.get("id"), prefix + "id", problems);
        if (id != null && (id.isBlank() || id.length() > MAX_ITEM_ID_CHARS)) {
            problems.add(FieldProblem.of(prefix + "id", "must be 1-" + MAX_ITEM_ID_CHARS + " characters"));
        } else if (id != null && !ids.add(id)) {
            problems.add(FieldProblem.of(prefix + "id", "repeats the id of an earlier item"));
        }
        String model = node.has("model")
                ? rules.model(prefix + "model", scalar(node.get("model"), prefix + "model", problems), problems)
                : batchModel;
        String metadata = null;
        if (node.has("metadata") && !node.get("metadata").isNull()) {
            metadata = node.get("metadata").toString();
            rules.metadata(prefix + "metadata", metadata, problems);
        }
        JobParams own = rules.params(overrides, prefix, problems);
        if (own == null || shared == null) {
            return null;
        }
        return new ValidBatch.Item(id, text, model, merge(shared, own, overrides.keySet()), metadata);
    }

    /** The item's own value for each parameter it names, the batch's for the rest. */
    static JobParams merge(JobParams shared, JobParams own, Set<String> named) {
        return new JobParams(
                named.contains("speed") ? own.speed() : shared.speed(),
                named.contains("nfe_steps") ? own.nfeSteps() : shared.nfeSteps(),
                named.contains("cfg_strength") ? own.cfgStrength() : shared.cfgStrength(),
                named.contains("sway_sampling_coef") ? own.swaySamplingCoef() : shared.swaySamplingCoef(),
                named.contains("seed") ? own.seed() : shared.seed(),
                named.contains("output_format") ? own.outputFormat() : shared.outputFormat());
    }

    /** A string or number as text; null when absent or JSON null. */
    private static @Nullable String scalar(@Nullable JsonNode node, String field, List<FieldProblem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return node.toString();
        }
        problems.add(FieldProblem.of(field, "must be a string or a number"));
        return null;
    }

    private static boolean flag(String field, @Nullable String value, List<FieldProblem> problems) {
        String v = blank(value);
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(FieldProblem.of(field, "must be true or false"));
        return false;
    }

    private int pause(@Nullable String value, List<FieldProblem> problems) {
        String v = blank(value);
        if (v == null) {
            return 0;
        }
        try {
            int ms = Integer.parseInt(v);
            if (ms >= 0 && ms <= properties.maxPauseMs()) {
                return ms;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(FieldProblem.of("pause_ms", "must be an integer between 0 and " + properties.maxPauseMs()));
        return 0;
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
