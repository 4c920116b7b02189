create table warehouse (
  id varchar(64) not null primary key,
  name varchar(255) not null,
  deleted_at ${modlink_timestamp}
);
