"""Writes corpus_story into the Spirit corpus forum through Spirit's own forms and models.

Posts go through Spirit's CommentForm (so its markdown renderer makes the HTML),
quotes use the text Spirit's quote button inserts ("> @name said:" then the
quoted lines), edits go through the same steps as Spirit's edit view (a history
row, then the modified count). Times are set after the fact, since Spirit
stamps `date` itself.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import corpus_story as story
from django.contrib.auth import get_user_model
from django.db import transaction
from spirit.admin.forms import BasicConfigForm
from spirit.category.models import Category
from spirit.comment.forms import CommentForm
from spirit.comment.history.models import CommentHistory
from spirit.comment.models import Comment
from spirit.comment.utils import comment_posted, post_comment_update, pre_comment_update
from spirit.core.utils import markdown
from spirit.topic.models import Topic


def quoted(post: story.PostSpec, thread: story.ThreadSpec) -> str:
    if post.quote is None:
        return post.text
    author = thread.posts[post.quote.post].author
    return markdown.quotify(post.quote.text, author) + post.text


def _configure() -> None:
    """Set the site name and 12 comments a page through Spirit's own settings form."""
    form = BasicConfigForm()
    values = {name: field.initial for name, field in form.fields.items()}
    values.update(
        site_name="Harbourside Forum (Spirit)",
        site_description="A local corpus forum",
        comments_per_page=story.POSTS_PER_PAGE,
        topics_per_page=20,
    )
    form = BasicConfigForm(data={k: v for k, v in values.items() if v is not None})
    if not form.is_valid():
        raise RuntimeError(f"config: {form.errors}")
    form.save()


@transaction.atomic
def seed() -> dict[str, Any]:
    _configure()
    user_model = get_user_model()
    users = {}
    for spec in story.MEMBERS:
        user = user_model(username=spec.username, email=spec.email, date_joined=spec.joined)
        user.set_password("corpus-password")
        user.is_staff = user.is_superuser = spec.username == "harbourmaster"
        user.save()
        user.st.is_verified = True
        user.st.save()
        users[spec.username] = user

    parents = {}
    for index, name in enumerate(story.CATEGORIES):
        parents[name] = Category.objects.create(title=name, sort=index + 2)
    boards = {}
    for index, board in enumerate(story.BOARDS):
        boards[board.key] = Category.objects.create(
            parent=parents[board.category],
            title=board.name,
            description=board.description,
            sort=index + 1,
        )

    out: dict[str, Any] = {
        "users": {name: user.pk for name, user in users.items()},
        "boards": {key: cat.pk for key, cat in boards.items()},
        "categories": {name: cat.pk for name, cat in parents.items()},
        "threads": {},
    }
    for spec in story.THREADS:
        first = spec.posts[0]
        topic = Topic.objects.create(
            user=users[first.author],
            category=boards[spec.board],
            title=spec.title,
            date=spec.start,
            last_active=spec.start,
        )
        ids = []
        for index, post in enumerate(spec.posts):
            form = CommentForm(
                user=users[post.author], topic=topic, data={"comment": quoted(post, spec)}
            )
            if not form.is_valid():
                raise RuntimeError(f"{spec.key} #{index}: {form.errors}")
            comment = form.save()
            comment_posted(comment=comment, mentions=form.mentions)
            at = spec.posted_at(index)
            Comment.objects.filter(pk=comment.pk).update(date=at)
            ids.append(comment.pk)
            if post.edit:
                comment = Comment.objects.get(pk=comment.pk)
                pre_comment_update(comment=comment)
                edit_form = CommentForm(
                    data={"comment": quoted(post, spec).replace(post.text, post.edit.new_text)},
                    instance=comment,
                )
                if not edit_form.is_valid():
                    raise RuntimeError(f"edit {spec.key} #{index}: {edit_form.errors}")
                comment = edit_form.save()
                post_comment_update(comment=comment)
                edited = at + timedelta(minutes=post.edit.after_minutes)
                history = CommentHistory.objects.filter(comment_fk=comment).order_by("pk")
                first_row, *rest = list(history)
                CommentHistory.objects.filter(pk=first_row.pk).update(date=at)
                for row in rest:
                    CommentHistory.objects.filter(pk=row.pk).update(date=edited)
        last = spec.posted_at(len(spec.posts) - 1)
        Topic.objects.filter(pk=topic.pk).update(last_active=last, reindex_at=last)
        out["threads"][spec.key] = {"topic": topic.pk, "slug": topic.slug, "posts": ids}
    return out
