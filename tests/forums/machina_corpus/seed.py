"""Writes corpus_story into the machina corpus forum through machina's models.

machina has no quote button: a quote is the markdown blockquote its users
write, headed by a bold "<name> wrote:" linked to the quoted post (as in the
project's machina test forum). Post.save() renders the markdown; times and
the edit stamps (updated, updated_by, updates_count) are set afterwards, since
machina stamps them itself.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import corpus_story as story
from django.contrib.auth import get_user_model
from django.db import transaction
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_member.models import ForumProfile
from machina.apps.forum_permission.models import ForumPermission, UserForumPermission


def _content(spec: story.ThreadSpec, index: int, ids: list[int], topic: Topic, text: str) -> str:
    post = spec.posts[index]
    if post.quote is None:
        return text
    quoted_id = ids[post.quote.post]
    author = spec.posts[post.quote.post].author
    path = f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"
    header = f"> **[{author} wrote:]({path}?post={quoted_id}#{quoted_id})**"
    return header + "\n> " + post.quote.text + "\n\n" + text


@transaction.atomic
def seed() -> dict[str, Any]:
    users = {}
    for m in story.MEMBERS:
        user = get_user_model()(username=m.username, email=m.email, date_joined=m.joined)
        user.set_password("corpus-password")
        user.save()
        if m.signature:
            profile, _ = ForumProfile.objects.get_or_create(user=user)
            profile.signature = m.signature
            profile.save()
        users[m.username] = user
    for codename in ("can_see_forum", "can_read_forum"):
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=codename),
            anonymous_user=True,
            has_perm=True,
        )
    cats = {
        name: Forum.objects.create(name=name, type=Forum.FORUM_CAT) for name in story.CATEGORIES
    }
    boards = {
        b.key: Forum.objects.create(
            parent=cats[b.category], name=b.name, description=b.description, type=Forum.FORUM_POST
        )
        for b in story.BOARDS
    }
    out: dict[str, Any] = {
        "users": {name: u.pk for name, u in users.items()},
        "boards": {key: f.pk for key, f in boards.items()},
        "categories": {name: c.pk for name, c in cats.items()},
        "threads": {},
    }
    for spec in story.THREADS:
        first = spec.posts[0]
        topic = Topic.objects.create(
            forum=boards[spec.board],
            poster=users[first.author],
            subject=spec.title,
            type=Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
        )
        ids: list[int] = []
        for index, p in enumerate(spec.posts):
            subject = spec.title if index == 0 else f"Re: {spec.title}"
            post = Post(
                topic=topic,
                poster=users[p.author],
                subject=subject,
                content=_content(spec, index, ids, topic, p.text),
                approved=True,
            )
            post.save()
            at = spec.posted_at(index)
            stamps: dict[str, Any] = {"created": at, "updated": at}
            if p.edit:
                post.content = _content(spec, index, ids, topic, p.edit.new_text)
                post.save()
                stamps.update(
                    updated=at + timedelta(minutes=p.edit.after_minutes),
                    updated_by=users[p.edit.editor],
                    updates_count=1,
                )
            Post.objects.filter(pk=post.pk).update(**stamps)
            ids.append(post.pk)
        Topic.objects.filter(pk=topic.pk).update(created=spec.start)
        topic.refresh_from_db()
        topic.update_trackers()
        out["threads"][spec.key] = {
            "topic": topic.pk,
            "slug": topic.slug,
            "forum_slug": f"{topic.forum.slug}-{topic.forum.pk}",
            "posts": ids,
        }
    return out
