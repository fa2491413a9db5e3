"""The forum's members, boards and threads: who posts what, and when.

Posts repost, excerpt, quote, truncate, alter, misattribute and spin the
official releases, so that every verdict and label of the pipeline has a
case. Bodies are BBC source, as members type them into SMF.
"""

from __future__ import annotations

from sample.content.releases import R1, R2
from sample.content.spun import SPUN_PARAGRAPHS, SPUN_TITLE
from sample.model import (
    OFFICIAL,
    RELEASES_PATH,
    SUBJECT_MAX,
    Board,
    Member,
    PostSpec,
    TopicSpec,
    at,
)
from sample.smf import forum_copy

TOTAL_MEMBERS = 212  # registered members, most of whom never post in the sample threads

MEMBERS = {
    m.name: m
    for m in (
        Member(
            2,
            "hickorystick",
            "Town Crier",
            5,
            148_902,
            '[i]"I would rather be exposed to the inconveniences attending too much liberty '
            'than to those attending too small a degree of it."[/i]\n- Thomas Jefferson',
        ),
        Member(
            3,
            "marsh_wren",
            "Town Crier",
            5,
            41_306,
            "Link your source. Every time.",
            membergroup="Global Moderator",
        ),
        Member(
            4,
            "dock_street_dan",
            "Hero Member",
            5,
            9_870,
            '[i]"Well done is better than well said."[/i]\n- Benjamin Franklin',
        ),
        Member(
            5,
            "ledger_lou",
            "Full Member",
            3,
            388,
            "It isn't news until somebody checks it.",
            title="Retired copy editor",
        ),
        Member(6, "quietcreek", "Jr. Member", 2, 61, None),
        Member(
            7,
            "prairiefox",
            "Sr. Member",
            4,
            1_204,
            "[b]Prairie Notes[/b] | [url=http://prairienotes.example/]my garden blog[/url]",
        ),
        Member(8, "weatherbird", "Newbie", 1, 23, "Sent from my kitchen table"),
        Member(
            9,
            "lakeshore_gus",
            "Sr. Member",
            4,
            2_517,
            '[i]"Half a truth is often a great lie."[/i]\n- Benjamin Franklin, Poor Richard\'s '
            "Almanack, 1758",
        ),
        Member(10, "bramble_jay", "Jr. Member", 2, 87, "Lurking since 2009."),
    )
}


BOARDS = (
    Board(
        1,
        "Breaking News",
        "Press releases and news stories. Post the link to your source.",
        1,
        "Town News",
    ),
    Board(
        2,
        "General Discussion",
        "Feel free to talk about anything and everything in this board.",
        2,
        "General Category",
    ),
)


def _paragraphs(*paragraphs: str) -> str:
    """Paragraphs pasted into one post, blank lines between them."""
    return "\n\n".join(forum_copy(p) for p in paragraphs)


AG_FIRST = (
    "Operation Lantern shows that hiding behind an anonymous storefront and a cryptocurrency "
    "wallet does not put anyone beyond the reach of the law in Calloway."
)
AG_SECOND = (
    "The people who sold these pills knew they were shipping poison to our neighbors, and we "
    "will keep following the packages, the money and the servers until every one of them has "
    "answered for it."
)
AG_SECOND_ALTERED = (
    "The people who sold these pills knew they were selling poison to our neighbors, and we "
    "will keep following the packages ... until every one of them has answered for it."
)
R2_ADVICE = (
    "Ask for the contract in writing, read the exclusions, and if a company won't let you "
    "cancel, call us."
)
R2_TRUNCATED_LINK_TEXT = f"{OFFICIAL}{RELEASES_PATH}/attorney-gen..."

TOPIC_1 = TopicSpec(
    tid=1,
    board=1,
    subject=R1.title[:SUBJECT_MAX],
    views=211,
    posts=(
        # 0: verbatim repost, official URL alone on the last line
        PostSpec(
            at(8, "11:04:17 AM"),
            "hickorystick",
            _paragraphs(R1.title, *R1.paragraphs) + "\n\n" + R1.url,
        ),
        # 1: quotes post 0 in full
        PostSpec(
            at(8, "11:32:50 AM"),
            "marsh_wren",
            "Good work by everyone involved. That farmhouse is forty minutes from here.",
            quote_of=0,
        ),
        # 2: the AG's statement verbatim, in running text
        PostSpec(
            at(8, "12:15:03 PM"),
            "dock_street_dan",
            f'Whitcomb said "{AG_FIRST} {AG_SECOND}"\n\nGood. Now fund the treatment beds '
            "with some of that seized cash, because arrests alone never emptied a waiting "
            "room.",
        ),
        # 3: truncated to the first sentence
        PostSpec(
            at(8, "01:40:22 PM"),
            "ledger_lou",
            f'Whitcomb says "{AG_FIRST}" Until somebody opens the next storefront a week later.',
        ),
        # 4: altered: one word changed, a clause dropped and marked with an ellipsis
        PostSpec(
            at(8, "03:02:49 PM"),
            "prairiefox",
            f'According to Attorney General Whitcomb, "{AG_SECOND_ALTERED}"\n\nStrong '
            "words. Let's see what the sentences look like.",
        ),
        # 5: misattributed: the AG's sentence put in the Superintendent's mouth
        PostSpec(
            at(8, "05:26:11 PM"),
            "quietcreek",
            f'State Police Superintendent Marcus Ellery said it best: "{AG_SECOND}"',
        ),
        # 6: unmatched: an invented quote attributed to a real speaker
        PostSpec(
            at(8, "08:48:35 PM"),
            "lakeshore_gus",
            'On Channel 6 last night Director Karimi said "this is only the first wave, and the '
            'buyers are next on our list." Anybody else catch that?',
        ),
        # 7: an edited post
        PostSpec(
            at(9, "08:13:59 AM"),
            "weatherbird",
            "Dunmore is my county. The farmhouse was out on Quarry Road, and the whole road "
            "was closed for two days in December. Nobody knew what it was at the time.",
            edited=at(9, "08:21:40 AM"),
        ),
    ),
)

TOPIC_2_POSTS = (
    # page 1
    PostSpec(
        at(8, "06:40:12 PM"),
        "weatherbird",
        "Our fridge died last week and the home warranty the sellers bought us at closing "
        "says it is not covered because of improper maintenance. It is three years old. "
        "Has anyone here actually had one of these plans pay out, or are they all like "
        "this?",
    ),
    PostSpec(
        at(8, "07:02:45 PM"),
        "dock_street_dan",
        "Had one for two years. They paid for a water heater thermostat and nothing else. "
        "The service fee was $125 a visit, so I came out about even.",
    ),
    PostSpec(
        at(8, "07:21:03 PM"),
        "marsh_wren",
        "Read the exclusions page before anything else. Most of them leave out anything "
        "they can call pre-existing, and they decide what that means after the technician "
        "has been.",
    ),
    PostSpec(
        at(8, "08:07:31 PM"),
        "quietcreek",
        "Our contractor told us to put the monthly payment into a savings account instead. "
        "Over five years that would have paid for a new furnace.",
    ),
    PostSpec(
        at(8, "09:15:50 PM"),
        "hickorystick",
        "The sales pitch always comes at closing, when you are signing forty other pages "
        "and nobody reads the forty-first.",
    ),
    PostSpec(
        at(8, "10:40:09 PM"),
        "ledger_lou",
        "That is the honest answer. Self-insure if you can afford a surprise repair bill.",
        quote_of=3,
    ),
    PostSpec(
        at(9, "07:55:20 AM"),
        "weatherbird",
        "They sent a technician today. He spent ten minutes looking at the compressor and "
        "said it was a coverage question, not a repair question. Now I wait for a call "
        "back.",
    ),
    PostSpec(
        at(9, "08:30:44 AM"),
        "prairiefox",
        "Ask them for the technician's written report. They have to give you a reason in "
        "writing if they deny it, at least that was true when my sister fought them over "
        "a dishwasher.",
    ),
    PostSpec(at(9, "09:12:38 AM"), "dock_street_dan", "Which company is it?"),
    PostSpec(at(9, "09:47:02 AM"), "weatherbird", "Brightwell. The sellers picked it, not us."),
    PostSpec(
        at(9, "10:20:15 AM"),
        "marsh_wren",
        "Brightwell has come up here before. There was a whole thread last year about "
        "renewals nobody asked for.",
    ),
    PostSpec(
        at(9, "12:03:33 PM"),
        "lakeshore_gus",
        "My mother got renewed by Brightwell twice after she sold the house. It took four "
        "phone calls to get the second charge reversed.",
    ),
    PostSpec(
        at(9, "01:45:27 PM"),
        "quietcreek",
        "Four calls is lucky. My neighbor gave up when the hold music started over for the "
        "third time.",
    ),
    PostSpec(
        at(9, "03:10:54 PM"),
        "hickorystick",
        "Dispute the renewal with your card issuer. It is faster than the company and it "
        "leaves a paper trail.",
    ),
    PostSpec(
        at(9, "06:22:10 PM"),
        "ledger_lou",
        "Good advice. Keep the cancellation number too, if they ever give you one.",
    ),
    # page 2
    PostSpec(
        at(9, "08:31:41 PM"),
        "weatherbird",
        "Update: denied. Improper maintenance, according to the letter. I have the "
        "receipts from when we had the coils cleaned in the spring.",
    ),
    PostSpec(
        at(9, "09:05:18 PM"),
        "prairiefox",
        "Send the receipts with a written appeal and keep copies. Then file a complaint "
        "with the AG's consumer office, they do read them.",
        quote_of=15,
    ),
    PostSpec(
        at(9, "10:14:07 PM"),
        "dock_street_dan",
        "Sorry to hear it. Three years old is no age for a fridge.",
    ),
    PostSpec(
        at(10, "08:40:13 AM"),
        "quietcreek",
        "They don't build them like they used to. Our first fridge lasted twenty-two years.",
    ),
    # 19: excerpt of R2 (two paragraphs), link text truncated by the forum
    PostSpec(
        at(10, "09:18:36 AM"),
        "marsh_wren",
        "Looks like the AG was already on it. Brightwell settled earlier this week:\n\n"
        + _paragraphs(R2.paragraphs[1], R2.paragraphs[2])
        + f"\n\n[url={R2.url}]{R2_TRUNCATED_LINK_TEXT}[/url]",
    ),
    PostSpec(
        at(10, "09:44:02 AM"),
        "weatherbird",
        "Well, that explains a lot. So do I wait for a letter or file something?",
    ),
    PostSpec(
        at(10, "10:12:29 AM"),
        "ledger_lou",
        "The release says most people get a letter by the end of March. If your claim was "
        "denied without an inspection you should be on the list. Yours had an inspection, "
        "so I would file anyway.",
        edited=at(10, "10:19:03 AM"),
    ),
    PostSpec(
        at(10, "11:30:00 AM"),
        "hickorystick",
        "Four point two million sounds like a lot until you divide it by everybody they stiffed.",
    ),
    PostSpec(
        at(10, "01:06:48 PM"),
        "lakeshore_gus",
        "Depends how many there were. Almost ten thousand denied claims, going by the "
        "numbers above.",
        quote_of=22,
    ),
    PostSpec(
        at(10, "02:55:21 PM"),
        "dock_street_dan",
        "Anybody know if this covers plans the sellers bought, or only people who signed "
        "up directly?",
    ),
    PostSpec(
        at(10, "04:40:37 PM"),
        "prairiefox",
        "Should be everyone with a Brightwell contract. It doesn't matter who paid for it.",
    ),
    PostSpec(at(10, "07:12:05 PM"), "quietcreek", "Saving this thread for when we sell our place."),
    PostSpec(
        at(11, "09:03:44 AM"),
        "marsh_wren",
        "Reminder to keep it civil, folks. Two posts removed for name-calling.",
    ),
    PostSpec(
        at(11, "10:27:19 AM"),
        "weatherbird",
        "Filed the complaint online this morning. Took about fifteen minutes with the "
        "receipts scanned.",
    ),
    PostSpec(at(11, "12:48:52 PM"), "ledger_lou", "Good. Post back when you hear something."),
    # page 3
    PostSpec(
        at(12, "08:16:27 AM"),
        "lakeshore_gus",
        "Ours came up for renewal today and there was a new checkbox asking if we want to "
        "renew. First time I have ever seen that.",
    ),
    # 31: an R2 statement quoted verbatim
    PostSpec(
        at(12, "09:05:10 AM"),
        "hickorystick",
        f'That is the settlement at work. Whitcomb said "{R2_ADVICE}" Best advice in this '
        "whole thread.",
    ),
    PostSpec(
        at(12, "05:33:58 PM"),
        "prairiefox",
        "Unchecked it and cancelled in one step. Miracles happen.",
    ),
    PostSpec(at(13, "10:41:15 AM"), "dock_street_dan", "Any word on the fridge, weatherbird?"),
    PostSpec(
        at(13, "07:58:40 PM"),
        "weatherbird",
        "Brightwell called today and offered to reopen the claim. A technician comes "
        "Thursday. Thanks for all the advice, everyone.",
    ),
)

TOPIC_2 = TopicSpec(
    tid=2,
    board=2,
    subject="Home warranty plans: worth it or a racket?",
    views=1_485,
    posts=TOPIC_2_POSTS,
)

SPUN_BODY = _paragraphs(SPUN_TITLE, *SPUN_PARAGRAPHS)

TOPIC_3 = TopicSpec(
    tid=3,
    board=1,
    subject=SPUN_TITLE[:SUBJECT_MAX],
    views=57,
    posts=(
        # 0: a spun copy of R1, pasted without a source
        PostSpec(at(10, "07:52:08 AM"), "bramble_jay", SPUN_BODY),
        PostSpec(
            at(10, "09:02:31 AM"),
            "marsh_wren",
            "Where is this from? No link, and half the words look like they went through a "
            "thesaurus backwards. Please post the source with news articles.",
        ),
    ),
)

TOPICS = (TOPIC_1, TOPIC_2, TOPIC_3)
