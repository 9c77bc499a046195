package dev.pergola.rest.internal.json;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.plugins.PluginState;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.rest.internal.query.DefaultListQueryParser;

public class SparseFieldsTest {
    public record Row(String id, String firstName, PluginState state) {
    }

    private static final ListSpec SPEC = ListSpec.builder()
            .field("id", "id", FieldType.STRING)
            .field("first_name", "firstName", FieldType.STRING)
            .field("state", "state", FieldType.STRING)
            .build();

    private final ObjectMapper mapper = JsonMapper.create();

    @Test
    public void recordsAreSnakeCaseWithEnumsSpelledByToString() throws Exception {
        assertEquals("{\"data\":{\"id\":\"1\",\"first_name\":\"Ann\",\"state\":\"active\"}}",
                mapper.writeValueAsString(ApiResponse.of(new Row("1", "Ann", PluginState.ACTIVE))));
        assertEquals(PluginState.FAILED, mapper.readValue("\"failed\"", PluginState.class));
    }

    @Test
    public void aListAskingForFieldsKeepsThoseAndTheId() {
        ListQuery query = new DefaultListQueryParser().parse(Map.of("fields", List.of("state")), SPEC);
        ApiResponse<List<Row>> response = ApiResponse.list(
                new PageResult<>(List.of(new Row("1", "Ann", PluginState.ACTIVE)), 1, 20, 1), query);
        assertEquals("{\"data\":[{\"id\":\"1\",\"state\":\"active\"}],\"meta\":{\"page\":1,\"per_page\":20,\"total\":1,\"total_pages\":1}}",
                PergolaJsonProvider.project(mapper.valueToTree(response), response).toString());
    }
}
