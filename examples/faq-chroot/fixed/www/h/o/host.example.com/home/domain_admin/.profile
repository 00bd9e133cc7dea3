# ~/.profile of domain_admin inside the jail
umask 022
