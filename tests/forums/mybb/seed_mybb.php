<?php
/**
 * Seeds an installed, empty MyBB 1.8 board with tests/forums/corpus_story.py.
 *
 *     php seed_mybb.php MYBB_ROOT STORY_JSON > ids.json
 *
 * STORY_JSON is `python tests/forums/corpus_story.py` output. Members, threads,
 * replies and edits go through MyBB's own data handlers (so MyBB stores and
 * later renders the MyCode itself); quotes are written as MyBB's quote button
 * writes them ([quote="name" pid='..' dateline='..']). Times are then moved to
 * the story's instants and the counters rebuilt with MyBB's rebuild functions.
 * Settings changed: 12 posts a page, board timezone -5 hours without DST,
 * flood check off.
 */

$root = rtrim($argv[1], '/') . '/';
$story = json_decode(file_get_contents($argv[2]), true);

define('IN_MYBB', 1);
define('THIS_SCRIPT', 'seed_mybb.php');
define('MYBB_ROOT', $root);
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$_SERVER['REQUEST_METHOD'] = 'GET';
chdir($root);
require_once $root . 'inc/init.php';
$error_handler->force_display_errors = true;
require_once MYBB_ROOT . 'inc/class_language.php';
$lang = new MyLanguage;
$lang->set_path(MYBB_ROOT . 'inc/languages');
$lang->set_language('english');
$lang->load('global');
$lang->load('datahandler_post');
$lang->load('datahandler_user');
require_once MYBB_ROOT . 'inc/datahandlers/post.php';
require_once MYBB_ROOT . 'inc/datahandlers/user.php';
require_once MYBB_ROOT . 'inc/functions_rebuild.php';
require_once MYBB_ROOT . 'inc/functions_user.php';

function setting($name, $value) {
    global $db, $mybb;
    $db->update_query('settings', array('value' => $db->escape_string($value)), "name='" . $db->escape_string($name) . "'");
    $mybb->settings[$name] = $value;
}

setting('postsperpage', (string)$story['posts_per_page']);
setting('timezoneoffset', '-5');
setting('dstcorrection', '0');
setting('postfloodcheck', '0');
setting('postfloodsecs', '0');
setting('showeditedby', '1');
setting('showeditedbyadmin', '1');
setting('seourls', 'no');
rebuild_settings();

$uids = array();
foreach ($story['members'] as $i => $m) {
    if ($i == 0) {
        // the installer made the administrator: the story's first member
        $uids[$m['username']] = 1;
        $db->update_query('users', array('signature' => $db->escape_string($m['signature']), 'regdate' => $m['joined']), 'uid=1');
        continue;
    }
    $handler = new UserDataHandler('insert');
    $handler->set_data(array(
        'username' => $m['username'],
        'password' => 'corpus-password',
        'password2' => 'corpus-password',
        'email' => $m['email'],
        'email2' => $m['email'],
        'usergroup' => 2,
        'regdate' => $m['joined'],
        'signature' => $m['signature'],
        'regip' => '127.0.0.1',
    ));
    if (!$handler->validate_user()) {
        fwrite(STDERR, "user {$m['username']}: " . json_encode($handler->get_friendly_errors()) . "\n");
        exit(1);
    }
    $info = $handler->insert_user();
    $uids[$m['username']] = (int)$info['uid'];
}

// forums: the install's "My Category" (fid 1) and "My Forum" (fid 2) become the
// first category and board; the rest are copies of them
$template_cat = $db->fetch_array($db->simple_select('forums', '*', 'fid=1'));
$template_board = $db->fetch_array($db->simple_select('forums', '*', 'fid=2'));
$cats = array();
foreach ($story['categories'] as $i => $name) {
    if ($i == 0) {
        $db->update_query('forums', array('name' => $db->escape_string($name), 'description' => ''), 'fid=1');
        $cats[$name] = 1;
        continue;
    }
    $row = $template_cat;
    unset($row['fid']);
    $row['name'] = $name;
    $row['disporder'] = $i + 1;
    $row = clean_row($row);
    $fid = $db->insert_query('forums', $row);
    $db->update_query('forums', array('parentlist' => (string)$fid), "fid=$fid");
    $cats[$name] = (int)$fid;
}
$boards = array();
foreach ($story['boards'] as $i => $b) {
    $cat = $cats[$b['category']];
    if ($i == 0) {
        $fid = 2;
        $db->update_query('forums', array('name' => $db->escape_string($b['name']), 'description' => $db->escape_string($b['description']), 'disporder' => 1), 'fid=2');
    } else {
        $row = $template_board;
        unset($row['fid']);
        $row['name'] = $b['name'];
        $row['description'] = $b['description'];
        $row['pid'] = $cat;
        $row['disporder'] = $i + 1;
        $row = clean_row($row);
        $fid = $db->insert_query('forums', $row);
    }
    $db->update_query('forums', array('parentlist' => "$cat,$fid", 'pid' => $cat), "fid=$fid");
    $boards[$b['key']] = (int)$fid;
}
$cache->update_forums();
$cache->update_forumpermissions();

function clean_row($row) {
    global $db;
    $out = array();
    foreach ($row as $k => $v) {
        if (!is_int($k)) { $out[$k] = $db->escape_string($v); }
    }
    return $out;
}

function as_user($uid) {
    global $mybb;
    $mybb->user = get_user($uid);
    $mybb->user['moderateposts'] = 0;
    $mybb->usergroup = usergroup_permissions($mybb->user['usergroup']);
}

$threads = array();
foreach ($story['threads'] as $t) {
    $fid = $boards[$t['board']];
    $tid = 0;
    $pids = array();
    foreach ($t['posts'] as $i => $p) {
        $uid = $uids[$p['author']];
        as_user($uid);
        $message = str_replace("\r", '', $p['text']);
        if ($p['quote']) {
            $q = $p['quote'];
            $qpid = $pids[$q['post']];
            $qtime = $t['posts'][$q['post']]['time'];
            $message = "[quote=\"{$q['author']}\" pid='{$qpid}' dateline='{$qtime}']\n{$q['text']}\n[/quote]\n" . $message;
        }
        $data = array(
            'fid' => $fid,
            'uid' => $uid,
            'username' => $p['author'],
            'message' => $message,
            'ipaddress' => '127.0.0.1',
            'posthash' => md5($t['key'] . $i),
            'savedraft' => 0,
            'options' => array('signature' => 1, 'subscriptionmethod' => '', 'disablesmilies' => 0),
        );
        if ($i == 0) {
            $handler = new PostDataHandler('insert');
            $handler->action = 'thread';
            $data['subject'] = $t['title'];
            $data['prefix'] = 0;
            $data['icon'] = 0;
            $handler->set_data($data);
            if (!$handler->validate_thread()) {
                fwrite(STDERR, "thread {$t['key']}: " . json_encode($handler->get_friendly_errors()) . "\n");
                exit(1);
            }
            $info = $handler->insert_thread();
            $tid = (int)$info['tid'];
            $pid = (int)$info['pid'];
        } else {
            $handler = new PostDataHandler('insert');
            $handler->action = 'post';
            $data['tid'] = $tid;
            $data['subject'] = 'Re: ' . $t['title'];
            $data['replyto'] = $pids[0];
            $data['icon'] = 0;
            $handler->set_data($data);
            if (!$handler->validate_post()) {
                fwrite(STDERR, "post {$t['key']} #$i: " . json_encode($handler->get_friendly_errors()) . "\n");
                exit(1);
            }
            $info = $handler->insert_post();
            $pid = (int)$info['pid'];
        }
        $db->update_query('posts', array('dateline' => $p['time']), "pid=$pid");
        $pids[] = $pid;
        if ($p['edit']) {
            $e = $p['edit'];
            $editor = $uids[$e['editor']];
            as_user($editor);
            $handler = new PostDataHandler('update');
            $handler->action = 'post';
            $handler->set_data(array(
                'pid' => $pid,
                'tid' => $tid,
                'fid' => $fid,
                'edit_uid' => $editor,
                'message' => str_replace($p['text'], $e['text'], $message),
                'editreason' => '',
            ));
            if (!$handler->validate_post()) {
                fwrite(STDERR, "edit {$t['key']} #$i: " . json_encode($handler->get_friendly_errors()) . "\n");
                exit(1);
            }
            $handler->update_post();
            $db->update_query('posts', array('edittime' => $e['time'], 'edituid' => $editor), "pid=$pid");
        }
    }
    $db->update_query('threads', array('dateline' => $t['posts'][0]['time']), "tid=$tid");
    rebuild_thread_counters($tid);
    $threads[$t['key']] = array('topic' => $tid, 'posts' => $pids);
}
foreach ($boards as $fid) {
    rebuild_forum_counters($fid);
}
foreach ($uids as $uid) {
    $count = $db->fetch_field($db->simple_select('posts', 'COUNT(*) AS c', "uid=$uid"), 'c');
    $db->update_query('users', array('postnum' => (int)$count), "uid=$uid");
}
$cache->update_stats();
$cache->update_forums();
echo json_encode(array('users' => $uids, 'boards' => $boards, 'categories' => $cats, 'threads' => $threads)), "\n";
