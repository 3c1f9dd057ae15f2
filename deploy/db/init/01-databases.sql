-- One database per service: each owns its schema and migrates it itself (Flyway) at start.
create database talkback_intake;
create database talkback_spamcheck;
create database talkback_publication;
