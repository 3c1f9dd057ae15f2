package org.talkback.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.talkback.intake.model.Comment;

@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<Comment, UUID> {
}
