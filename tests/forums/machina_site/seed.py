"""Writes data.py into the test forum through the ORM, and changes it while it runs.

Runs inside Django (the `labforum` management command calls it). The seeding
expects a freshly migrated, empty database and checks that every id the
database hands out is the one data.py computed, so that tests can trust
data.expected_posts(). Creation times are set after the fact because
machina's models stamp `created`/`updated` themselves.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_member.models import ForumProfile
from machina.apps.forum_permission.models import ForumPermission, UserForumPermission
from machina_site import data

ANONYMOUS_READ = ("can_see_forum", "can_read_forum")


class SeedError(RuntimeError):
    """The database handed out an id other than the one data.py expects."""


def _expect(kind: str, got: int, want: int | str) -> None:
    if str(got) != str(want):
        raise SeedError(f"{kind} got id {got}, data.py expects {want}: is the database empty?")


@transaction.atomic
def seed() -> dict[str, Any]:
    """Create the members, the board, the topics and the posts of data.py; returns counts."""
    user_model = get_user_model()
    users = {}
    for spec in data.USERS:
        user = user_model(username=spec.username, email=f"{spec.username}@example.org")
        user.set_unusable_password()
        user.save()
        _expect(f"user {spec.username}", user.pk, data.user_id(spec.username) or "?")
        if spec.signature:
            profile, _ = ForumProfile.objects.get_or_create(user=user)
            profile.signature = spec.signature
            profile.save()
        users[spec.username] = user

    category = Forum.objects.create(
        name=data.CATEGORY.name, description=data.CATEGORY.description, type=Forum.FORUM_CAT
    )
    board = Forum.objects.create(
        parent=category,
        name=data.BOARD.name,
        description=data.BOARD.description,
        type=Forum.FORUM_POST,
    )
    _expect("category", category.pk, 1)
    _expect("board", board.pk, 2)
    for codename in ANONYMOUS_READ:
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=codename),
            anonymous_user=True,
            has_perm=True,
        )

    next_id = 1
    for index, thread in enumerate(data.THREADS):
        first = thread.posts[0]
        topic = Topic.objects.create(
            forum=board,
            poster=None if first.anonymous else users[first.author],
            subject=thread.subject,
            type=Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
        )
        _expect(f"topic {thread.subject!r}", topic.pk, index + 1)
        if topic.slug != thread.slug:
            raise SeedError(
                f"machina slugs {thread.subject!r} as {topic.slug!r}, not {thread.slug!r}"
            )
        for position, spec in enumerate(thread.posts):
            subject = thread.subject if position == 0 else f"Re: {thread.subject}"
            post = _create_post(
                topic, spec, subject, users, data.post_markdown(thread, spec, next_id)
            )
            _expect(f"post {position} of topic {index + 1}", post.pk, next_id + position)
        next_id += len(thread.posts)
        Topic.objects.filter(pk=topic.pk).update(created=thread.posts[0].at)
        topic.refresh_from_db()
        topic.update_trackers()
    return {"users": len(users), "topics": len(data.THREADS), "posts": next_id - 1}


def _create_post(
    topic: Topic, spec: data.PostSpec, subject: str, users: dict[str, Any], content: str
) -> Post:
    post = Post(topic=topic, subject=subject, content=content, approved=True)
    if spec.anonymous:
        post.username = spec.author
        post.anonymous_key = f"seed-{spec.author}"
    else:
        post.poster = users[spec.author]
    post.save()
    stamps: dict[str, Any] = {"created": spec.at, "updated": spec.at}
    if spec.edit:
        stamps.update(
            updated=spec.edit.at,
            updated_by=users[spec.edit.editor],
            updates_count=spec.edit.count,
            update_reason=spec.edit.reason or None,
        )
    Post.objects.filter(pk=post.pk).update(**stamps)
    return post


@transaction.atomic
def add_posts(
    topic_id: int, count: int, author: str = "dave", step_minutes: int = 10
) -> list[dict[str, Any]]:
    """Append `count` replies to a topic, `step_minutes` apart after its last post.

    Returns each new post as a dict: post_id, author, posted_at (ISO, aware), body.
    """
    topic = Topic.objects.get(pk=topic_id)
    poster = get_user_model().objects.get(username=author)
    last = topic.posts.order_by("-created").first()
    at: datetime = last.created if last else timezone.now()
    made = []
    for n in range(1, count + 1):
        at = at + timedelta(minutes=step_minutes)
        body = f"Added reply {n} of {count} to topic {topic_id}."
        post = Post(topic=topic, poster=poster, subject=f"Re: {topic.subject}", content=body)
        post.save()
        Post.objects.filter(pk=post.pk).update(created=at, updated=at)
        made.append(
            {"post_id": str(post.pk), "author": author, "posted_at": at.isoformat(), "body": body}
        )
    topic.refresh_from_db()
    topic.update_trackers()
    return made


@transaction.atomic
def add_topics(count: int, posts_each: int, author: str = "dave") -> dict[str, Any]:
    """Open `count` new topics on the board, each with `posts_each` posts (a bigger
    forum for re-crawl measurements). Returns the new topic ids and the post count."""
    board = Forum.objects.get(pk=2)
    poster = get_user_model().objects.get(username=author)
    start = timezone.now() - timedelta(days=30)
    ids = []
    for n in range(1, count + 1):
        subject = f"Bulk topic {n}: county budget line {n * 7}"
        topic = Topic.objects.create(
            forum=board,
            poster=poster,
            subject=subject,
            type=Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
        )
        at = start + timedelta(hours=n)
        for k in range(posts_each):
            post = Post(
                topic=topic,
                poster=poster,
                subject=subject if k == 0 else f"Re: {subject}",
                content=f"Post {k + 1} of bulk topic {n}: the line item moved by {k * 3} percent.",
                approved=True,
            )
            post.save()
            Post.objects.filter(pk=post.pk).update(
                created=at + timedelta(minutes=k), updated=at + timedelta(minutes=k)
            )
        Topic.objects.filter(pk=topic.pk).update(created=at)
        topic.refresh_from_db()
        topic.update_trackers()
        ids.append(topic.pk)
    return {"topics": ids, "posts": count * posts_each}


@transaction.atomic
def edit_post(
    post_id: int,
    content: str,
    editor: str | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> dict[str, Any]:
    """Replace a post's content as `editor` (its poster by default), stamped `at` (default:
    one hour after its last change). Returns post_id, editor, edited_at (ISO), updates_count."""
    post = Post.objects.get(pk=post_id)
    user = get_user_model().objects.get(username=editor) if editor else post.poster
    when = at or post.updated + timedelta(hours=1)  # before save() stamps `updated` with now
    post.content = content
    post.save()  # renders the markdown again
    count = post.updates_count + 1
    Post.objects.filter(pk=post.pk).update(
        updated=when, updated_by=user, updates_count=count, update_reason=reason or None
    )
    return {
        "post_id": str(post.pk),
        "editor": user.username if user else None,
        "edited_at": when.isoformat(),
        "updates_count": count,
    }
