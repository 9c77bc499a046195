package dev.pergola.rest.internal.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.Operator;
import dev.pergola.api.errors.PergolaException;

/** The one reader of list query strings; collects every problem and reports them together as a 422. */
@Component(service = ListQueryParser.class)
public class DefaultListQueryParser implements ListQueryParser {
    private static final Pattern FILTER = Pattern.compile("filter\\[([^\\[\\]]+)](?:\\[([^\\[\\]]+)])?");
    private static final int MAX_SEARCH = 200;
    /** Keeps {@code (page - 1) * per_page} within an int, so a huge page is a 422 rather than an overflow. */
    private static final int MAX_PAGE = Integer.MAX_VALUE / ListSpec.MAX_PER_PAGE;

    @Override
    public ListQuery parse(Map<String, List<String>> params, ListSpec spec) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        int page = number(params, "page", 1, 1, MAX_PAGE, problems);
        int perPage = number(params, "per_page", ListSpec.DEFAULT_PER_PAGE, 1, ListSpec.MAX_PER_PAGE, problems);
        List<ListQuery.Sort> sorts = sorts(Optional.ofNullable(single(params, "sort")).orElse(spec.defaultSort()), spec, problems);
        Set<String> fields = fields(single(params, "fields"), spec, problems);
        String search = search(single(params, "search"), spec, problems);
        List<ListQuery.Filter> filters = new ArrayList<>();
        params.forEach((name, values) -> {
            // only filter[…] is ours; other parameters (even "filtered") belong to the endpoint
            if (name.startsWith("filter[")) {
                filter(name, values, spec, problems).ifPresent(filters::add);
            }
        });
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
        return new ListQuery(page, perPage, sorts, filters, search, fields, spec);
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static int number(Map<String, List<String>> params, String name, int fallback, int min, int max,
            Map<String, List<String>> problems) {
        String raw = single(params, name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.computeIfAbsent(name, k -> new ArrayList<>()).add("must be a whole number from " + min + " to " + max);
        return fallback;
    }

    private static List<ListQuery.Sort> sorts(String raw, ListSpec spec, Map<String, List<String>> problems) {
        List<ListQuery.Sort> sorts = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return sorts;
        }
        for (String part : raw.split(",")) {
            String key = part.trim();
            boolean descending = key.startsWith("-");
            String name = descending ? key.substring(1) : key;
            Optional<ListSpec.Field> field = spec.field(name).filter(ListSpec.Field::sortable);
            if (field.isPresent()) {
                sorts.add(new ListQuery.Sort(field.get(), descending));
            } else {
                problems.computeIfAbsent("sort", k -> new ArrayList<>()).add("cannot sort by '" + name + "'; sortable: "
                        + names(spec, ListSpec.Field::sortable));
            }
        }
        return sorts;
    }

    private static Set<String> fields(String raw, ListSpec spec, Map<String, List<String>> problems) {
        Set<String> fields = new LinkedHashSet<>();
        if (raw == null || raw.isBlank()) {
            return fields;
        }
        for (String part : raw.split(",")) {
            String name = part.trim();
            if (spec.field(name).isPresent()) {
                fields.add(name);
            } else {
                problems.computeIfAbsent("fields", k -> new ArrayList<>()).add("unknown field '" + name + "'; fields: "
                        + names(spec, f -> true));
            }
        }
        return fields;
    }

    private static String search(String raw, ListSpec spec, Map<String, List<String>> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (spec.fields().stream().noneMatch(ListSpec.Field::searchable)) {
            problems.computeIfAbsent("search", k -> new ArrayList<>()).add("this list cannot be searched");
        } else if (raw.length() > MAX_SEARCH) {
            problems.computeIfAbsent("search", k -> new ArrayList<>()).add("at most " + MAX_SEARCH + " characters");
        }
        return raw.trim();
    }

    private static Optional<ListQuery.Filter> filter(String param, List<String> values, ListSpec spec,
            Map<String, List<String>> problems) {
        Matcher m = FILTER.matcher(param);
        List<String> messages = new ArrayList<>();
        ListQuery.Filter result = null;
        if (!m.matches()) {
            messages.add("write filter[field]=value or filter[field][op]=value");
        } else {
            Optional<ListSpec.Field> field = spec.field(m.group(1)).filter(ListSpec.Field::filterable);
            Optional<Operator> op = m.group(2) == null ? Optional.of(Operator.EQ) : Operator.of(m.group(2));
            if (field.isEmpty()) {
                messages.add("cannot filter by '" + m.group(1) + "'; filterable: " + names(spec, ListSpec.Field::filterable));
            } else if (op.isEmpty()) {
                messages.add("unknown operator '" + m.group(2) + "'; use eq, ne, gt, gte, lt, lte, like, in or between");
            } else {
                result = build(field.get(), op.get(), values.isEmpty() ? "" : values.get(values.size() - 1), messages);
            }
        }
        if (!messages.isEmpty()) {
            problems.computeIfAbsent(param, k -> new ArrayList<>()).addAll(messages);
            return Optional.empty();
        }
        return Optional.ofNullable(result);
    }

    private static ListQuery.Filter build(ListSpec.Field field, Operator op, String raw, List<String> messages) {
        FieldType type = field.type();
        if (op == Operator.LIKE && type != FieldType.STRING) {
            messages.add("like works on text fields only");
            return null;
        }
        boolean ordered = op == Operator.GT || op == Operator.GTE || op == Operator.LT || op == Operator.LTE
                || op == Operator.BETWEEN;
        if (ordered && !type.isOrdered()) {
            messages.add(op.token() + " does not apply to a " + type.name().toLowerCase() + " field");
            return null;
        }
        List<String> parts = op == Operator.IN || op == Operator.BETWEEN ? List.of(raw.split(",", -1)) : List.of(raw);
        if (op == Operator.BETWEEN && parts.size() != 2) {
            messages.add("between takes exactly two comma-separated values");
            return null;
        }
        if (op == Operator.IN && (parts.isEmpty() || parts.size() > 100)) {
            messages.add("in takes 1 to 100 comma-separated values");
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (String part : parts) {
            try {
                values.add(QueryValues.convert(part, type));
            } catch (IllegalArgumentException e) {
                messages.add(e.getMessage());
                return null;
            }
        }
        return new ListQuery.Filter(field, op, values);
    }

    private static String names(ListSpec spec, java.util.function.Predicate<ListSpec.Field> which) {
        String names = spec.fields().stream().filter(which).map(ListSpec.Field::name).collect(Collectors.joining(", "));
        return names.isEmpty() ? "(none)" : names;
    }
}
