-- The api_key table of the API Key module. Runs on H2 and PostgreSQL; the types are those the
-- Hibernate mapping of io.modlink.apikey.ApiKey validates against.
create table api_key (
  id varchar(64) not null,
  token varchar(255) not null,
  salt varchar(255) not null,
  redacted varchar(255) not null,
  title varchar(255) not null,
  type varchar(16) not null,
  last_used_at timestamp(6) with time zone,
  created_by varchar(255) not null,
  revoked_by varchar(255),
  revoked_at timestamp(6) with time zone,
  created_at timestamp(6) with time zone default current_timestamp not null,
  updated_at timestamp(6) with time zone default current_timestamp not null,
  deleted_at timestamp(6) with time zone,
  constraint api_key_pkey primary key (id),
  constraint api_key_type_check check (type in ('publishable', 'secret'))
);

create unique index idx_api_key_token_unique on api_key (token);
create index idx_api_key_type on api_key (type);
create index idx_api_key_deleted_at on api_key (deleted_at);
