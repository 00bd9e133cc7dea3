#!/bin/sh
# Creates what git cannot store in a jail: its device nodes and a /tmp with mode 1777.
# Needs root (mknod). Usage: examples/faq-chroot/prepare-jail.sh examples/faq-chroot/fixed
set -eu
tree=${1:?usage: prepare-jail.sh TREE}
jail="$tree/www/h/o/host.example.com"
mkdir -p "$jail/dev" "$jail/tmp"
[ -e "$jail/dev/null" ] || mknod -m 666 "$jail/dev/null" c 1 3
[ -e "$jail/dev/urandom" ] || mknod -m 444 "$jail/dev/urandom" c 1 9
chmod 1777 "$jail/tmp"
