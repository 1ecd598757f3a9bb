package ru.otklik.dashboards.delivery;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Sends a message by e-mail through the configured SMTP server. Its {@code Message-ID} is derived from
 * the message's idempotency key, so a retry after a lost answer is the same message to mail systems
 * that drop duplicates. An address the server refuses is a refusal; anything else is retried.
 */
public final class MailChannel {

    private final Session session;
    private final String from;

    public MailChannel(DeliverySettings s) {
        Properties p = new Properties();
        p.put("mail.smtp.host", s.smtpHost());
        p.put("mail.smtp.port", Integer.toString(s.smtpPort()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        p.put("mail.smtp.starttls.enable", Boolean.toString(s.smtpStartTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(s.smtpStartTls()));
        Authenticator auth = null;
        if (s.smtpUser() != null) {
            p.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(s.smtpUser(), s.smtpPassword());
                }
            };
        }
        this.session = Session.getInstance(p, auth);
        this.from = s.smtpFrom();
    }

    Delivered send(String to, String idempotencyKey, AlertMessage message) {
        return send(to, idempotencyKey, message.subject(), message.text());
    }

    /** Sends a plain-text UTF-8 message; a retry with the same {@code idempotencyKey} is the same message. */
    public Delivered send(String to, String idempotencyKey, String subject, String text) {
        return deliver(to, idempotencyKey, subject, mail -> mail.setText(text, "UTF-8"));
    }

    /**
     * Sends a UTF-8 text with one attachment (the weekly report's PDF); the same idempotency rule as
     * {@link #send(String, String, String, String)}.
     */
    public Delivered send(String to, String idempotencyKey, String subject, String text, String fileName, String type,
                          byte[] attachment) {
        return deliver(to, idempotencyKey, subject, mail -> {
            jakarta.mail.internet.MimeBodyPart body = new jakarta.mail.internet.MimeBodyPart();
            body.setText(text, "UTF-8");
            jakarta.mail.internet.MimeBodyPart file = new jakarta.mail.internet.MimeBodyPart();
            file.setDataHandler(new jakarta.activation.DataHandler(
                    new jakarta.mail.util.ByteArrayDataSource(attachment, type)));
            file.setFileName(fileName);
            file.setDisposition(jakarta.mail.Part.ATTACHMENT);
            mail.setContent(new jakarta.mail.internet.MimeMultipart(body, file));
        });
    }

    /** What a message carries besides its addresses, subject and headers. */
    private interface Content {
        void fill(MimeMessage mail) throws MessagingException;
    }

    /** One message: the Message-ID from the idempotency key, so a retry is recognised as the same by the receiver. */
    private Delivered deliver(String to, String idempotencyKey, String subject, Content content) {
        try {
            MimeMessage mail = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + digest(idempotencyKey) + "@otklik>");
                }
            };
            mail.setFrom(new InternetAddress(from));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            mail.setSubject(subject, "UTF-8");
            content.fill(mail);
            mail.setHeader("X-Otklik-Idempotency-Key", idempotencyKey);
            Transport.send(mail);
            return Delivered.YES;
        } catch (SendFailedException e) {
            return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0 ? Delivered.REFUSED : Delivered.RETRY;
        } catch (MessagingException e) {
            return Delivered.RETRY;
        }
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)),
                    0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
