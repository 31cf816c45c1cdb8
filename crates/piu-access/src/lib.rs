//! Who may do what in the PIU workspace: roles, agencies and purposes, access
//! decisions, passwords, lock-out and session tokens. Pure: no I/O.
