-- The product table of the product module (MariaDB, MySQL): the handle is unique among live products.
-- MariaDB has no partial index, so a generated column holds the handle of live rows only (null
-- otherwise) and is unique, as on H2; the times are datetime(6) (modlink stores UTC).
create table product (
  id varchar(64) not null,
  title varchar(255) not null,
  handle varchar(255) not null,
  status varchar(16) not null,
  options json,
  created_at datetime(6) default current_timestamp(6) not null,
  updated_at datetime(6) default current_timestamp(6) not null,
  deleted_at datetime(6),
  live_handle varchar(255) generated always as (case when deleted_at is null then handle end) virtual,
  primary key (id),
  constraint product_status_check check (status in ('draft', 'published'))
);

create unique index idx_product_handle_unique on product (live_handle);
create index idx_product_status on product (status);
create index idx_product_deleted_at on product (deleted_at);
