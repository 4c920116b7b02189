-- a test module whose records cannot be soft-deleted (no deleted_at)
create table terminal (
  id varchar(255) not null primary key,
  name varchar(255)
);
