package dev.pergola.identity.internal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A shell command line as the audit trail keeps it: the command's name and its arguments with secrets masked.
 * Masked: the value of an option named like a secret ({@code --password x}, {@code --token=x}), the value after a
 * secret-named word ({@code config:property-set db.password x}, {@code password=x}), and every argument of a command
 * named like a secret ({@code user:password}, {@code jaas:user-add}).
 */
public record CommandLine(String command, List<String> arguments) {
    static final String MASK = "****";
    private static final Pattern SECRET = Pattern.compile("password|passwd|passphrase|secret|token|credential|privatekey"
            + "|(^|[._-])(key|pin|otp)$");
    private static final Pattern SECRET_COMMAND = Pattern.compile(".*(password|passwd|secret|token|credential"
            + "|user-?add|[:-]key(-|$)).*");
    static final int MAX_ARGUMENTS = 50;
    static final int MAX_LENGTH = 200;

    public static CommandLine parse(CharSequence line) {
        List<String> tokens = tokens(line.toString().trim());
        if (tokens.isEmpty()) {
            return new CommandLine("", List.of());
        }
        String command = tokens.get(0);
        boolean secretCommand = SECRET_COMMAND.matcher(command.toLowerCase(Locale.ROOT)).matches();
        List<String> masked = new ArrayList<>();
        boolean maskNext = false;
        for (String token : tokens.subList(1, tokens.size())) {
            if (masked.size() == MAX_ARGUMENTS) {
                masked.add("…");
                break;
            }
            masked.add(cut(maskNext || (secretCommand && !token.startsWith("-")) ? MASK : maskedValue(token)));
            maskNext = !maskNext && secretName(name(token)) && token.indexOf('=') < 0;
        }
        return new CommandLine(command, List.copyOf(masked));
    }

    /** {@code --password=x} → {@code --password=****}; other tokens as they are. */
    private static String maskedValue(String token) {
        int eq = token.indexOf('=');
        return eq > 0 && secretName(token.substring(0, eq)) ? token.substring(0, eq + 1) + MASK : token;
    }

    private static String name(String token) {
        return token.replaceFirst("^-+", "");
    }

    private static boolean secretName(String name) {
        return SECRET.matcher(name.toLowerCase(Locale.ROOT)).find();
    }

    private static String cut(String s) {
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH) + "…";
    }

    /** Words split on blanks; quotes group (and are kept out), as the shell reads them closely enough for a record. */
    static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
