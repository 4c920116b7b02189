-- a test module whose records cannot be soft-deleted (no deleted_at)
create table webhook (
  id varchar(255) not null primary key,
  url varchar(255)
);
