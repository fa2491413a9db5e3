<?php
/**
 * Seeds a freshly installed ElkArte 1.1 forum with tests/forums/corpus_story.py.
 *
 *     php seed_elkarte.php ELKARTE_ROOT STORY_JSON > ids.json
 *
 * ElkArte descends from SMF 2.0 and keeps its posting API: this is the SMF
 * seeder (../smf/seed_smf.php) with ElkArte's file layout and signatures.
 * Runs inside ElkArte (SSI.php) as an administrator: registerMember(),
 * createCategory(), createBoard(), createPost() and modifyPost(), messages
 * prepared with preparsecode(). Quotes are the [quote author=.. link=msg=..
 * date=..] form ElkArte's quote button writes. Settings: 12 posts a page,
 * forum timezone America/Los_Angeles. The install's category, board and
 * welcome topic are renamed or removed.
 */

$root = rtrim($argv[1], '/') . '/';
$story = json_decode(file_get_contents($argv[2]), true);
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$_SERVER['HTTP_HOST'] = '127.0.0.1';
chdir($root);
require $root . 'SSI.php';
require_once SUBSDIR . '/Post.subs.php';
require_once SUBSDIR . '/Members.subs.php';
require_once SUBSDIR . '/Boards.subs.php';
require_once SUBSDIR . '/Categories.subs.php';
require_once SUBSDIR . '/Topic.subs.php';
require_once SUBSDIR . '/Messages.subs.php';

$user_info['is_admin'] = true;
$user_info['id'] = 1;
$user_info['is_guest'] = false;
$user_info['query_see_board'] = '1=1';
$user_info['query_wanna_see_board'] = '1=1';
$user_info['groups'] = array(1);

updateSettings(array(
    'defaultMaxMessages' => $story['posts_per_page'],
    'default_timezone' => 'America/Los_Angeles',
    'time_offset' => 0,
    'enableCompressedOutput' => 0,
    'todayMod' => 0,
));

$users = array();
foreach ($story['members'] as $i => $m) {
    if ($i == 0) {
        $uid = 1;  // the installer's administrator
    } else {
        $reg = array(
            'interface' => 'admin',
            'username' => $m['username'],
            'email' => $m['email'],
            'password' => 'corpus-password',
            'password_check' => 'corpus-password',
            'check_reserved_name' => false,
            'check_password_strength' => false,
            'check_email_ban' => false,
            'send_welcome_email' => false,
            'require' => 'nothing',
            'memberGroup' => 0,
        );
        $uid = registerMember($reg);
        if (!$uid) {
            fwrite(STDERR, "member {$m['username']}: not registered\n");
            exit(1);
        }
    }
    updateMemberData($uid, array('signature' => $m['signature'], 'date_registered' => $m['joined']));
    $users[$m['username']] = (int)$uid;
}

// the install's welcome topic goes; its category and board become the first ones
$db = database();
$request = $db->query('', 'SELECT id_topic FROM {db_prefix}topics', array());
$old = array();
while ($row = $db->fetch_assoc($request)) {
    $old[] = (int)$row['id_topic'];
}
if ($old) {
    removeTopics($old, false, true);
}
$cat_ids = array();
foreach ($story['categories'] as $i => $name) {
    if ($i == 0) {
        modifyCategory(1, array('cat_name' => $name));
        $cat_ids[$name] = 1;
    } else {
        $cat_ids[$name] = (int)createCategory(array('cat_name' => $name, 'move_after' => $cat_ids[$story['categories'][$i - 1]]));
    }
}
getBoardTree();
$board_ids = array();
foreach ($story['boards'] as $i => $b) {
    $options = array(
        'board_name' => $b['name'],
        'board_description' => $b['description'],
        'target_category' => $cat_ids[$b['category']],
        'move_to' => 'bottom',
        'access_groups' => array(-1, 0),
    );
    if ($i == 0) {
        getBoardTree();
        modifyBoard(1, $options);
        $board_ids[$b['key']] = 1;
    } else {
        $board_ids[$b['key']] = (int)createBoard($options);
    }
}

function prepared($text) {
    $body = Util::htmlspecialchars($text, ENT_QUOTES);
    preparsecode($body);
    return $body;
}

$threads = array();
foreach ($story['threads'] as $t) {
    $bid = $board_ids[$t['board']];
    $tid = 0;
    $ids = array();
    foreach ($t['posts'] as $i => $p) {
        $text = $p['text'];
        if ($p['quote']) {
            $q = $p['quote'];
            $qtime = $t['posts'][$q['post']]['time'];
            $text = "[quote author={$q['author']} link=msg={$ids[$q['post']]} date={$qtime}]\n{$q['text']}\n[/quote]\n" . $text;
        }
        $uid = $users[$p['author']];
        $msg = array(
            'subject' => $i == 0 ? $t['title'] : 'Re: ' . $t['title'],
            'body' => prepared($text),
            'smileys_enabled' => true,
            'approved' => true,
        );
        $topic = array('id' => $tid, 'board' => $bid, 'mark_as_read' => false);
        $poster = array('id' => $uid, 'name' => $p['author'], 'email' => $p['author'] . '@corpus.invalid',
                        'ip' => '127.0.0.1', 'update_post_count' => true, 'time' => $p['time']);
        createPost($msg, $topic, $poster);
        $tid = (int)$topic['id'];
        $ids[] = (int)$msg['id'];
        if ($p['edit']) {
            $edit = array(
                'id' => $msg['id'],
                'body' => prepared(str_replace($p['text'], $p['edit']['text'], $text)),
                'modify_time' => $p['edit']['time'],
                'modify_name' => $p['edit']['editor'],
                'modify_reason' => '',
            );
            $etopic = array('id' => $tid, 'board' => $bid, 'mark_as_read' => false);
            $eposter = array('id' => $users[$p['edit']['editor']]);
            modifyPost($edit, $etopic, $eposter);
        }
    }
    $threads[$t['key']] = array('topic' => $tid, 'posts' => $ids);
}
updateStats('message');
updateStats('topic');
updateLastMessages(array_values($board_ids));
echo json_encode(array('users' => $users, 'boards' => $board_ids, 'categories' => $cat_ids, 'threads' => $threads)), "\n";
