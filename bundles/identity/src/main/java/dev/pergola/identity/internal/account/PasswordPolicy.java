package dev.pergola.identity.internal.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a new password must satisfy; the messages go to the client as field details. */
public final class PasswordPolicy {
    private final int minLength;

    public PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    public List<String> problems(String password, String username) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < minLength) {
            problems.add("must be at least " + minLength + " characters");
        } else if (password.length() > 1024) {
            problems.add("must be at most 1024 characters");
        }
        if (password != null && username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("must not contain the username");
        }
        return problems;
    }
}
