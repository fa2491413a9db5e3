<?php
/**
 * Seeds a freshly installed FluxBB 1.5 board with tests/forums/corpus_story.py.
 *
 *     php seed_fluxbb.php FLUXBB_ROOT STORY_JSON > ids.json
 *
 * FluxBB has no posting API: this runs inside FluxBB (include/common.php, its
 * database layer) and writes each member, category, forum, topic, post and
 * edit with the same statements as register.php, admin_categories.php,
 * admin_forums.php, post.php and edit.php, messages passed through FluxBB's
 * preparse_bbcode() as post.php does. Quotes are FluxBB's [quote=name] form.
 * Times are the story's; board settings: 12 posts a page, timezone +1 hour
 * without DST. The install's test category, forum and topic are removed.
 */

$root = rtrim($argv[1], '/') . '/';
$story = json_decode(file_get_contents($argv[2]), true);
define('PUN_ROOT', $root);
define('PUN_QUIET_VISIT', 1);
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
chdir($root);
require PUN_ROOT . 'include/common.php';
require PUN_ROOT . 'include/parser.php';
require PUN_ROOT . 'include/search_idx.php';
require_once PUN_ROOT . 'include/cache.php';

function q($sql) {
    global $db;
    $result = $db->query($sql);
    if (!$result) {
        $error = $db->error();
        fwrite(STDERR, "query failed: $sql\n" . json_encode($error) . "\n");
        exit(1);
    }
    return $result;
}
function e($s) { global $db; return "'" . $db->escape($s) . "'"; }
function p($table) { global $db; return $db->prefix . $table; }

foreach (array('o_disp_posts_default' => $story['posts_per_page'], 'o_default_timezone' => '1', 'o_default_dst' => '0',
               'o_signatures' => '1', 'o_show_post_count' => '1') as $name => $value) {
    q('UPDATE ' . p('config') . ' SET conf_value=' . e((string)$value) . ' WHERE conf_name=' . e($name));
}
q('UPDATE ' . p('groups') . ' SET g_post_flood=0 WHERE 1=1');
q('DELETE FROM ' . p('posts'));
q('DELETE FROM ' . p('topics'));
q('DELETE FROM ' . p('forums'));
q('DELETE FROM ' . p('categories'));

$users = array();
foreach ($story['members'] as $i => $m) {
    if ($i == 0) {  // the installer's administrator, id 2 (1 is Guest)
        q('UPDATE ' . p('users') . ' SET signature=' . e($m['signature']) . ', registered=' . $m['joined'] . ', timezone=1, dst=0 WHERE id=2');
        $users[$m['username']] = 2;
        continue;
    }
    q('INSERT INTO ' . p('users') . ' (username, group_id, password, email, email_setting, timezone, dst, language, style, registered, registration_ip, last_visit, signature) VALUES('
      . e($m['username']) . ', ' . PUN_MEMBER . ', ' . e(pun_hash('corpus-password')) . ', ' . e($m['email']) . ', 1, 1, 0, ' . e('English') . ', ' . e('Air') . ', '
      . $m['joined'] . ", '127.0.0.1', " . $m['joined'] . ', ' . e($m['signature']) . ')');
    $users[$m['username']] = (int)$db->insert_id();
}

$cats = array();
foreach ($story['categories'] as $i => $name) {
    q('INSERT INTO ' . p('categories') . ' (cat_name, disp_position) VALUES(' . e($name) . ', ' . ($i + 1) . ')');
    $cats[$name] = (int)$db->insert_id();
}
$forums = array();
foreach ($story['boards'] as $i => $b) {
    q('INSERT INTO ' . p('forums') . ' (forum_name, forum_desc, cat_id, disp_position) VALUES(' . e($b['name']) . ', ' . e($b['description']) . ', ' . $cats[$b['category']] . ', ' . ($i + 1) . ')');
    $forums[$b['key']] = (int)$db->insert_id();
}

function bbcode($text) {
    $errors = array();
    $out = preparse_bbcode(pun_linebreaks(pun_trim($text)), $errors);
    if ($errors) { fwrite(STDERR, json_encode($errors) . "\n"); exit(1); }
    return $out;
}

$threads = array();
foreach ($story['threads'] as $t) {
    $fid = $forums[$t['board']];
    $first = $t['posts'][0];
    q('INSERT INTO ' . p('topics') . ' (poster, subject, posted, last_post, last_poster, sticky, forum_id) VALUES('
      . e($first['author']) . ', ' . e($t['title']) . ', ' . $first['time'] . ', ' . $first['time'] . ', ' . e($first['author']) . ', 0, ' . $fid . ')');
    $tid = (int)$db->insert_id();
    $pids = array();
    foreach ($t['posts'] as $i => $post) {
        $message = $post['text'];
        if ($post['quote']) {
            $message = "[quote=" . $post['quote']['author'] . "]" . $post['quote']['text'] . "[/quote]\n" . $message;
        }
        $uid = $users[$post['author']];
        q('INSERT INTO ' . p('posts') . ' (poster, poster_id, poster_ip, message, hide_smilies, posted, topic_id) VALUES('
          . e($post['author']) . ', ' . $uid . ", '127.0.0.1', " . e(bbcode($message)) . ', 0, ' . $post['time'] . ', ' . $tid . ')');
        $pid = (int)$db->insert_id();
        $pids[] = $pid;
        update_search_index('post', $pid, $message, $i == 0 ? $t['title'] : null);
        q('UPDATE ' . p('users') . ' SET num_posts=num_posts+1, last_post=' . $post['time'] . ' WHERE id=' . $uid);
        if ($i == 0) {
            q('UPDATE ' . p('topics') . " SET first_post_id=$pid, last_post_id=$pid WHERE id=$tid");
        } else {
            q('UPDATE ' . p('topics') . ' SET num_replies=num_replies+1, last_post=' . $post['time'] . ", last_post_id=$pid, last_poster=" . e($post['author']) . " WHERE id=$tid");
        }
        if ($post['edit']) {
            $edited = str_replace($post['text'], $post['edit']['text'], $message);
            q('UPDATE ' . p('posts') . ' SET message=' . e(bbcode($edited)) . ', edited=' . $post['edit']['time'] . ', edited_by=' . e($post['edit']['editor']) . " WHERE id=$pid");
            update_search_index('edit', $pid, $edited);
        }
    }
    $threads[$t['key']] = array('topic' => $tid, 'posts' => $pids);
}
foreach ($forums as $fid) {
    update_forum($fid);
}
generate_config_cache();
foreach (glob(FORUM_CACHE_DIR . 'cache_*.php') as $file) {
    unlink($file);
}
$db->end_transaction();
echo json_encode(array('users' => $users, 'boards' => $forums, 'categories' => $cats, 'threads' => $threads)), "\n";
