package dev.pergola.identity.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.PageResult;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.account.UserDto;

@Service
@Command(scope = "user", name = "list", description = "Lists Pergola user accounts")
public class UserListCommand implements Action {
    @Option(name = "--search", aliases = "-s", description = "Text to find in username or email")
    String search;

    @Option(name = "--deleted", description = "List soft-deleted accounts instead")
    boolean deleted;

    @Reference
    private UserDirectory users;

    @Reference
    private Accounts accounts;

    @Reference
    private ListQueryParser parser;

    @Override
    public Object execute() {
        Map<String, List<String>> params = search == null
                ? Map.of("per_page", List.of("100"), "sort", List.of("username"))
                : Map.of("per_page", List.of("100"), "sort", List.of("username"), "search", List.of(search));
        ListQuery query = parser.parse(params, UserCommands.LIST);
        PageResult<UserDto> page = users.list(query, deleted);
        ShellTable table = new ShellTable();
        table.column("Username");
        table.column("Email");
        table.column("Status");
        table.column("Roles");
        table.column("Last login");
        for (UserDto u : page.items()) {
            table.addRow().addContent(u.username(), u.email(), u.status(), String.join(",", accounts.roleNames(u)),
                    u.lastLoginAt() == null ? "-" : u.lastLoginAt().toString());
        }
        table.print(System.out);
        if (page.total() > page.items().size()) {
            System.out.println(page.items().size() + " of " + page.total() + " shown; narrow with --search");
        }
        return null;
    }
}
