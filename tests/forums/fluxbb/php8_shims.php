<?php
// functions and constants removed in PHP 8 that FluxBB/PunBB still call
if (!defined('MB_OVERLOAD_STRING')) define('MB_OVERLOAD_STRING', 2);
if (!function_exists('get_magic_quotes_gpc')) { function get_magic_quotes_gpc() { return false; } }
if (!function_exists('get_magic_quotes_runtime')) { function get_magic_quotes_runtime() { return false; } }
if (!function_exists('set_magic_quotes_runtime')) { function set_magic_quotes_runtime($v) { return false; } }
mysqli_report(MYSQLI_REPORT_OFF);
if (!function_exists('create_function')) {
    function create_function($args, $code) { return eval('return function(' . $args . ') {' . $code . '};'); }
}
