-- The api_key table of the API Key module (MariaDB, MySQL): as on H2 and PostgreSQL, with datetime(6)
-- for the times (MariaDB has no "timestamp with time zone"; modlink stores UTC).
create table api_key (
  id varchar(64) not null,
  token varchar(255) not null,
  salt varchar(255) not null,
  redacted varchar(255) not null,
  title varchar(255) not null,
  type varchar(16) not null,
  last_used_at datetime(6),
  created_by varchar(255) not null,
  revoked_by varchar(255),
  revoked_at datetime(6),
  created_at datetime(6) default current_timestamp(6) not null,
  updated_at datetime(6) default current_timestamp(6) not null,
  deleted_at datetime(6),
  primary key (id),
  constraint api_key_type_check check (type in ('publishable', 'secret'))
);

create unique index idx_api_key_token_unique on api_key (token);
create index idx_api_key_type on api_key (type);
create index idx_api_key_deleted_at on api_key (deleted_at);
