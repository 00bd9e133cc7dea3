<?php
echo 'host.example.com runs PHP ', PHP_VERSION, ' inside its jail', "\n";
