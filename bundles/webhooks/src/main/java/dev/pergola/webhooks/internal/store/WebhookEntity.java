package dev.pergola.webhooks.internal.store;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import dev.pergola.webhooks.internal.WebhookDto;

/** One row of {@code webhooks}. Never leaves this package; the sealed secret stays here too. */
@Entity
@Table(name = "webhooks")
public class WebhookEntity {
    @Id
    String id;
    String url;
    /** Comma-separated patterns ({@code user.*,role.created}). */
    String events;
    /** {@link dev.pergola.api.security.SecretBox} text, bound to the id. */
    String secret;
    boolean active;
    String description;
    @Column(name = "created_at")
    Timestamp createdAt;
    @Column(name = "updated_at")
    Timestamp updatedAt;
    @Column(name = "created_by")
    String createdBy;

    public WebhookEntity() {
        // for JPA
    }

    WebhookEntity(WebhookDto w, String sealedSecret) {
        this.id = w.id();
        this.secret = sealedSecret;
        this.createdAt = Timestamp.from(w.createdAt());
        this.createdBy = w.createdBy();
        apply(w);
    }

    void apply(WebhookDto w) {
        this.url = w.url();
        this.events = String.join(",", w.events());
        this.active = w.active();
        this.description = w.description();
        this.updatedAt = Timestamp.from(w.updatedAt());
    }

    static List<String> patterns(String events) {
        return events == null || events.isBlank() ? List.of() : Arrays.asList(events.split(","));
    }

    WebhookDto toDto() {
        return new WebhookDto(id, url, patterns(events), active, description, secret != null, createdAt.toInstant(),
                updatedAt.toInstant(), createdBy);
    }
}
