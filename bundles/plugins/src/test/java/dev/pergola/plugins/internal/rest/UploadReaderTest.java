package dev.pergola.plugins.internal.rest;

import dev.pergola.api.errors.PergolaException;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.api.rest.ErrorCode;

public class UploadReaderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final byte[] content = "PK\u0003\u0004 pretend jar \r\n--not-the-boundary\r\n bytes".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    public void takesThePluginFilePartOfAMultipartBody() throws IOException {
        Path target = tmp.newFile().toPath();
        UploadReader.read("multipart/form-data; boundary=XyZ", multipart("XyZ"), target, 1000);
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    public void takesARawBodyAsIs() throws IOException {
        Path target = tmp.newFile().toPath();
        UploadReader.read("application/java-archive", new ByteArrayInputStream(content), target, 1000);
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    public void refusesTooLargeMissingAndMalformedUploads() throws IOException {
        Path target = tmp.newFile().toPath();
        expect(ErrorCode.PAYLOAD_TOO_LARGE, () -> UploadReader.read("application/octet-stream",
                new ByteArrayInputStream(new byte[2000]), target, 1000));
        expect(ErrorCode.PAYLOAD_TOO_LARGE, () -> UploadReader.read("multipart/form-data; boundary=XyZ",
                multipart("XyZ"), target, 10));
        expect(ErrorCode.VALIDATION_ERROR, () -> UploadReader.read("multipart/form-data; boundary=XyZ",
                new ByteArrayInputStream("--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XyZ--\r\n"
                        .getBytes(StandardCharsets.US_ASCII)), target, 1000));
        expect(ErrorCode.MALFORMED_REQUEST, () -> UploadReader.read("multipart/form-data", multipart("XyZ"), target, 1000));
    }

    private static void expect(ErrorCode code, Runnable upload) {
        try {
            upload.run();
            fail("accepted");
        } catch (PergolaException e) {
            assertEquals(e.getMessage(), code.name(), e.code());
        }
    }

    private ByteArrayInputStream multipart(String boundary) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"p.jar\"\r\n"
                    + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return new ByteArrayInputStream(body.toByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
