package dev.pergola.backup.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.pergola.backup.internal.format.BackupReader;
import dev.pergola.backup.internal.format.BackupWriter;
import dev.pergola.backup.internal.format.Column;
import dev.pergola.backup.internal.format.FileEntry;
import dev.pergola.backup.internal.format.Manifest;
import dev.pergola.backup.internal.format.TableEntry;
import dev.pergola.backup.internal.format.WriteOptions;

/** The copy a backup + restore makes, as H-svc's service will drive the engine, and a comparable dump of a table. */
final class Copier {

    private Copier() {
    }

    static Manifest backup(Connection source, Path file, WriteOptions options) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); BackupWriter writer = new BackupWriter(out, options)) {
            for (String table : DatabaseTables.tables(source)) {
                writer.writeTable(source, table, n -> { });
            }
            writer.writeSequences(source);
            return writer.finish(Manifest.header("0.1.0", Instant.now(), DatabaseTables.type(source), "inst",
                    Map.of()));
        }
    }

    /** Creates the tables the target lacks, loads every table, restarts sequences. Returns rows loaded per table. */
    static Map<String, Long> restore(Path file, char[] passphrase, Connection target) throws Exception {
        Manifest manifest = BackupReader.verify(file, passphrase, n -> { });
        Map<String, Long> loaded = new java.util.LinkedHashMap<>();
        BackupReader.read(file, passphrase, manifest, new BackupReader.EntryVisitor() {
            @Override
            public void table(TableEntry table, BackupReader.RowReader rows) throws IOException, SQLException {
                if (TableMetadata.find(target, table.name()) == null) {
                    DatabaseTables.createTable(target, table);
                }
                loaded.put(table.name(), TableLoader.load(target, table, rows, n -> { }));
            }

            @Override
            public void file(FileEntry f, InputStream content) {
            }
        });
        DatabaseTables.restartSequences(target, manifest.sequences());
        return loaded;
    }

    /** Every row of a table as text, ordered by the given columns, values normalised across databases. */
    static List<String> dump(Connection c, String table, String orderBy) throws SQLException {
        TableMetadata meta = TableMetadata.of(c, table);
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + Identifiers.quote(meta.name()) + " ORDER BY " + orderBy)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < meta.columns().size(); i++) {
                    Column col = meta.columns().get(i);
                    Object v = PortableTypes.read(rs, i + 1, col.type());
                    if (v instanceof byte[] b) {
                        v = Base64.getEncoder().encodeToString(b);
                    } else if (v instanceof OffsetDateTime t) {
                        v = t.toInstant();
                    }
                    row.append(col.name()).append('=').append(v).append(' ');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
