-- Bodies are stored sealed (AES-GCM, base64url: about 4/3 of the UTF-8 size): room for a 200,000-character text.
ALTER TABLE pergola_mail_outbox ALTER COLUMN text_body SET DATA TYPE VARCHAR(1100000);
ALTER TABLE pergola_mail_outbox ALTER COLUMN html_body SET DATA TYPE VARCHAR(1100000);
