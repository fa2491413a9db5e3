"""Seeds an askbot 0.13 site (made by `askbot-setup`, migrated) with corpus_story.

    DJANGO_SETTINGS_MODULE=askbot_site.settings PYTHONPATH=<site root>:tests/forums \
        python tests/forums/askbot/seed_askbot.py > ids.json

askbot is a question-and-answer site: each story thread becomes a question
(its first post) and answers (the other posts), written through askbot's own
user methods (post_question, post_answer, edit_answer) with the story's
times. askbot has no quote button and no signatures: a quote is a markdown
blockquote of the excerpt. One answer per member is askbot's default; the
seeding turns that limit off (LIMIT_ONE_ANSWER_PER_USER) and sorts answers
oldest first (DEFAULT_ANSWER_SORT_METHOD).
"""

from __future__ import annotations

import json
from datetime import timedelta

import django

django.setup()

import corpus_story as story  # noqa: E402
from askbot.conf import settings as askbot_settings  # noqa: E402
from askbot.utils.slug import slugify  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402

TAGS = {"port": "shipping", "ferries": "ferries", "announce": "meta", "offtopic": "offtopic"}


def body(post: story.PostSpec, text: str) -> str:
    if post.quote is None:
        return text
    return "> " + post.quote.text + "\n\n" + text


def main() -> None:
    askbot_settings.update("LIMIT_ONE_ANSWER_PER_USER", False)
    askbot_settings.update("DEFAULT_ANSWER_SORT_METHOD", "oldest")
    askbot_settings.update("APP_SHORT_NAME", "Harbourside (askbot)")
    users = {}
    model = get_user_model()
    for m in story.MEMBERS:
        user = model.objects.filter(username=m.username).first()
        if user is None:
            user = model.objects.create_user(m.username, m.email, "corpus-password")
        model.objects.filter(pk=user.pk).update(date_joined=m.joined)
        user.refresh_from_db()
        user.reputation = 1000  # enough for every action the story takes
        user.save()
        users[m.username] = user
    out: dict = {"users": {n: u.pk for n, u in users.items()}, "boards": {}, "threads": {}}
    for spec in story.THREADS:
        first = spec.posts[0]
        question = users[first.author].post_question(
            title=spec.title,
            body_text=first.text,
            tags=TAGS[spec.board],
            timestamp=spec.start,
        )
        ids = [question.pk]
        for index, post in enumerate(spec.posts[1:], start=1):
            at = spec.posted_at(index)
            answer = users[post.author].post_answer(
                question=question, body_text=body(post, post.text), timestamp=at
            )
            ids.append(answer.pk)
            if post.edit:
                users[post.edit.editor].edit_answer(
                    answer=answer,
                    body_text=body(post, post.edit.new_text),
                    timestamp=at + timedelta(minutes=post.edit.after_minutes),
                    force=True,
                )
        out["threads"][spec.key] = {
            "topic": question.thread.pk,
            "question": question.pk,
            "slug": slugify(question.thread.title),
            "posts": ids,
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
