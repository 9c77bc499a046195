package dev.pergola.backup.internal.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;

/**
 * Checks the end of a ZIP read as a stream: the end-of-central-directory record is there and agrees with the
 * length of the stream and the entries read, and (when it fits in the kept tail) every central-directory record
 * names the same entry, CRC and size as its local entry, in the same order. A cut anywhere in the central
 * directory is a missing end record: TRUNCATED.
 */
final class ZipTrailer {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CEN = 0x02014b50;

    private ZipTrailer() {
    }

    static void check(TailInputStream tail, List<ZipEntry> entries) throws BackupRefusedException {
        long total = tail.total();
        int kept = tail.kept();
        if (kept < FileSeal.TAIL) {
            throw refuse(BackupRefusedException.TRUNCATED, "the ZIP end record is missing");
        }
        ByteBuffer end = le(tail.last(FileSeal.TAIL));
        if (end.getInt(0) != EOCD || (end.getShort(20) & 0xffff) != FileSeal.COMMENT_LENGTH) {
            throw refuse(BackupRefusedException.TRUNCATED, "the ZIP end record is missing");
        }
        if (end.getShort(4) != 0 || end.getShort(6) != 0 || end.getShort(8) != end.getShort(10)) {
            throw refuse(BackupRefusedException.CORRUPT, "the ZIP end record is damaged (disk numbers or counts)");
        }
        long count = end.getShort(10) & 0xffff;
        long cdSize = end.getInt(12) & 0xffffffffL;
        long cdOffset = end.getInt(16) & 0xffffffffL;
        long cdEnd = total - FileSeal.TAIL;
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            if (kept < FileSeal.TAIL + 20 + 56) {
                throw refuse(BackupRefusedException.CORRUPT, "the ZIP64 end records are missing");
            }
            ByteBuffer locator = le(tail.last(FileSeal.TAIL + 20));
            if (locator.getInt(0) != ZIP64_LOCATOR) {
                throw refuse(BackupRefusedException.CORRUPT, "the ZIP64 end locator is missing");
            }
            long zip64At = locator.getLong(8);
            cdEnd = total - FileSeal.TAIL - 20 - 56;
            ByteBuffer zip64 = le(tail.last(FileSeal.TAIL + 20 + 56));
            if (zip64.getInt(0) != ZIP64_EOCD || zip64At != cdEnd) {
                throw refuse(BackupRefusedException.CORRUPT, "the ZIP64 end record is damaged");
            }
            count = zip64.getLong(32);
            cdSize = zip64.getLong(40);
            cdOffset = zip64.getLong(48);
        }
        if (count != entries.size() || cdOffset + cdSize != cdEnd) {
            throw refuse(BackupRefusedException.CORRUPT, "the ZIP central directory does not match the entries ("
                    + count + " listed, " + entries.size() + " read)");
        }
        if (total - cdOffset <= kept) {
            checkRecords(le(tail.last((int) (total - cdOffset))), (int) cdSize, entries);
        }
    }

    /**
     * The ZIP comment holds the SHA-256 of every byte before the end record ({@link FileSeal}): anything changed that
     * the other checks do not read (header fields, padding) is refused here. Call after {@link #check}.
     */
    static void checkSeal(TailInputStream tail) throws BackupRefusedException {
        byte[] last = tail.last(FileSeal.TAIL);
        byte[] comment = java.util.Arrays.copyOfRange(last, 22, FileSeal.TAIL);
        if (!java.util.Arrays.equals(comment, FileSeal.comment(tail.sealHex()))) {
            throw new BackupRefusedException(BackupRefusedException.CORRUPT,
                    "The backup was changed: its whole-file SHA-256 (the ZIP comment) does not match its bytes");
        }
    }

    private static void checkRecords(ByteBuffer cd, int size, List<ZipEntry> entries) throws BackupRefusedException {
        int at = 0;
        for (ZipEntry e : entries) {
            if (at + 46 > size || cd.getInt(at) != CEN) {
                throw refuse(BackupRefusedException.CORRUPT, "the ZIP central directory is damaged");
            }
            long crc = cd.getInt(at + 16) & 0xffffffffL;
            long length = cd.getInt(at + 24) & 0xffffffffL;
            int nameLength = cd.getShort(at + 28) & 0xffff;
            int extra = cd.getShort(at + 30) & 0xffff;
            int comment = cd.getShort(at + 32) & 0xffff;
            byte[] name = new byte[nameLength];
            cd.get(at + 46, name);
            boolean sizeOk = length == 0xffffffffL || length == e.getSize();
            if (!new String(name, StandardCharsets.UTF_8).equals(e.getName()) || crc != e.getCrc() || !sizeOk) {
                throw refuse(BackupRefusedException.CORRUPT, "the ZIP central directory disagrees with entry "
                        + e.getName());
            }
            at += 46 + nameLength + extra + comment;
        }
        if (at != size) {
            throw refuse(BackupRefusedException.CORRUPT, "the ZIP central directory has unexpected records");
        }
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static BackupRefusedException refuse(String code, String what) {
        return new BackupRefusedException(code, "Not a complete backup: " + what);
    }
}
