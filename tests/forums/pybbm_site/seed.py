"""Writes corpus_story into the pybbm corpus forum through pybbm's models.

Post.save() renders the BBCode with pybbm's own parser and updates the topic
and forum counters; quotes are the text pybbm's quote engine inserts
([quote="name"]...[/quote]); an edit sets the new body and `updated`, as the
edit view does. Creation times are given before the first save (pybbm only
stamps them when missing). Python 3.9 / Django 2.0: no newer syntax here.
"""

from datetime import timedelta

import corpus_story as story
from django.contrib.auth import get_user_model
from django.db import transaction
from pybb import util
from pybb.models import Category, Forum, Post, Topic


def _body(post, thread):
    if post.quote is None:
        return post.text
    author = thread.posts[post.quote.post].author
    return util.get_markup_engine().quote(post.quote.text, author) + post.text


@transaction.atomic
def seed():
    user_model = get_user_model()
    users = {}
    for spec in story.MEMBERS:
        user = user_model(username=spec.username, email=spec.email, date_joined=spec.joined)
        user.set_password("corpus-password")
        user.is_staff = user.is_superuser = spec.username == "harbourmaster"
        user.save()
        profile = util.get_pybb_profile(user)
        profile.signature = spec.signature
        profile.time_zone = 0
        profile.save()
        users[spec.username] = user

    cats = {}
    for index, name in enumerate(story.CATEGORIES):
        cats[name] = Category.objects.create(name=name, position=index)
    forums = {}
    for index, board in enumerate(story.BOARDS):
        forums[board.key] = Forum.objects.create(
            category=cats[board.category],
            name=board.name,
            description=board.description,
            position=index,
        )

    out = {
        "users": {name: u.pk for name, u in users.items()},
        "boards": {key: f.pk for key, f in forums.items()},
        "categories": {name: c.pk for name, c in cats.items()},
        "threads": {},
    }
    for spec in story.THREADS:
        first = spec.posts[0]
        topic = Topic.objects.create(
            forum=forums[spec.board],
            name=spec.title,
            user=users[first.author],
            created=spec.start,
            updated=spec.start,
        )
        ids = []
        for index, post_spec in enumerate(spec.posts):
            at = spec.posted_at(index)
            post = Post(
                topic=topic,
                user=users[post_spec.author],
                body=_body(post_spec, spec),
                created=at,
                user_ip="127.0.0.1",
            )
            post.save()
            ids.append(post.pk)
            if post_spec.edit:
                post.body = post.body.replace(post_spec.text, post_spec.edit.new_text)
                post.updated = at + timedelta(minutes=post_spec.edit.after_minutes)
                post.save()
        last = spec.posted_at(len(spec.posts) - 1)
        Topic.objects.filter(pk=topic.pk).update(updated=last)
        out["threads"][spec.key] = {"topic": topic.pk, "posts": ids}
    Forum.objects.all().update(updated=None)
    for forum in Forum.objects.all():
        forum.update_counters()
    return out
