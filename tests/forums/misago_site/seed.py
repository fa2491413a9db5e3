"""Writes corpus_story into an empty, migrated Misago 0.39 forum (PostgreSQL).

    DJANGO_SETTINGS_MODULE=misago_site.settings python tests/forums/misago_site/seed.py

Run from tests/forums with the variables misago_site/settings.py names.
Members are made with Misago's user manager; messages are parsed by Misago's
own markup parser (misago.markup.parse) and stored with
the fields and checksums Misago's posting writes, then the threads and
categories are synchronized with Misago's methods. Quotes are the BBCode
Misago's quote button writes ([quote="@name"]...[/quote]). Settings: 12 posts
a page (Misago's paginator repeats the last post of a page atop the next one
and keeps its default of 6 orphans). The story's categories become top-level Misago categories,
its boards their children, with the default category's permissions.
Prints the ids as JSON.
"""

import json
import os
import sys
from datetime import timedelta

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

import corpus_story as story  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from misago.acl.cache import clear_acl_cache  # noqa: E402
from misago.cache.versions import get_cache_versions  # noqa: E402
from misago.categories.models import Category, RoleCategoryACL  # noqa: E402
from misago.conf.dynamicsettings import DynamicSettings  # noqa: E402
from misago.conf.models import Setting  # noqa: E402
from misago.markup import parse  # noqa: E402
from misago.threads.checksums import update_post_checksum  # noqa: E402
from misago.threads.models import Post, Thread  # noqa: E402
from misago.users.setupnewuser import setup_new_user  # noqa: E402
from misago.users.signatures import make_signature_checksum  # noqa: E402


def parsed(text, user):
    request = RequestFactory().get("/", SERVER_NAME="127.0.0.1")
    request.user = user
    return parse(text, request, user)["parsed_text"]  # stored unfinalized, as posting does


def body(post, spec):
    if post.quote is None:
        return post.text
    author = spec.posts[post.quote.post].author
    return f'[quote="@{author}"]\n{post.quote.text}\n[/quote]\n\n{post.text}'


def main():
    Setting.objects.change_setting("posts_per_page", 12)
    Setting.objects.change_setting("forum_name", "Harbourside Forum (Misago)")
    dynamic_settings = DynamicSettings(get_cache_versions())
    users = {}
    model = get_user_model()
    for m in story.MEMBERS:
        user = model.objects.create_user(m.username, m.email, "corpus-password")
        setup_new_user(dynamic_settings, user)  # default avatar, notification options
        if m.username == "harbourmaster":
            user.is_staff = user.is_superuser = True
        user.joined_on = m.joined
        if m.signature:
            user.signature = m.signature
            user.signature_parsed = parsed(m.signature, user)
            user.signature_checksum = make_signature_checksum(user.signature_parsed, user)
        user.save()
        users[m.username] = user

    root = Category.objects.root_category()
    first = Category.objects.filter(tree_id=root.tree_id, level=1).order_by("lft").first()
    acls = list(RoleCategoryACL.objects.filter(category=first))

    def make(name, parent, description=""):
        cat = Category(name=name, slug=slugify(name), description=description)
        cat.insert_at(parent, position="last-child", save=True)
        for acl in acls:
            RoleCategoryACL.objects.create(
                role=acl.role, category_role=acl.category_role, category=cat
            )
        return cat

    cats = {name: make(name, root) for name in story.CATEGORIES}
    boards = {b.key: make(b.name, cats[b.category], b.description) for b in story.BOARDS}
    first.delete()  # the install's "First category" and its welcome thread
    Category.objects.partial_rebuild(root.tree_id)
    clear_acl_cache()

    out = {
        "users": {n: u.pk for n, u in users.items()},
        "boards": {k: c.pk for k, c in boards.items()},
        "categories": {n: c.pk for n, c in cats.items()},
        "threads": {},
    }
    for spec in story.THREADS:
        category = boards[spec.board]
        first_post = spec.posts[0]
        starter = users[first_post.author]
        thread = Thread.objects.create(
            category=category,
            title=spec.title,
            slug=slugify(spec.title),
            started_on=spec.start,
            last_post_on=spec.start,
            starter=starter,
            starter_name=starter.username,
            starter_slug=starter.slug,
            last_poster=starter,
            last_poster_name=starter.username,
            last_poster_slug=starter.slug,
        )
        ids = []
        for index, post_spec in enumerate(spec.posts):
            poster = users[post_spec.author]
            at = spec.posted_at(index)
            original = body(post_spec, spec)
            post = Post.objects.create(
                category=category,
                thread=thread,
                poster=poster,
                poster_name=poster.username,
                original=original,
                parsed=parsed(original, poster),
                checksum="",
                posted_on=at,
                updated_on=at,
            )
            if post_spec.edit:
                editor = users[post_spec.edit.editor]
                post.original = body(post_spec, spec).replace(
                    post_spec.text, post_spec.edit.new_text
                )
                post.parsed = parsed(post.original, poster)
                post.edits = 1
                post.last_editor = editor
                post.last_editor_name = editor.username
                post.last_editor_slug = editor.slug
                post.updated_on = at + timedelta(minutes=post_spec.edit.after_minutes)
            update_post_checksum(post)
            post.save()
            ids.append(post.pk)
        thread.synchronize()
        thread.save()
        out["threads"][spec.key] = {"topic": thread.pk, "slug": thread.slug, "posts": ids}
    for cat in list(boards.values()) + list(cats.values()):
        cat.synchronize()
        cat.save()
    for user in users.values():
        user.posts = Post.objects.filter(poster=user).count()
        user.threads = Thread.objects.filter(starter=user).count()
        user.save()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
