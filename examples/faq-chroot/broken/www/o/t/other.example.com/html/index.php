<?php echo 'other'; ?>
