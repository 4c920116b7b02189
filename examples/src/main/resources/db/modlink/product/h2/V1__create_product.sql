-- The product table of the product module (H2): the handle is unique among live products. H2 has no
-- partial index, so a generated column holds the handle of live rows only (null otherwise) and is unique.
create table product (
  id varchar(64) not null,
  title varchar(255) not null,
  handle varchar(255) not null,
  status varchar(16) not null,
  options json,
  created_at timestamp(6) with time zone default current_timestamp not null,
  updated_at timestamp(6) with time zone default current_timestamp not null,
  deleted_at timestamp(6) with time zone,
  live_handle varchar(255) generated always as (case when deleted_at is null then handle end),
  constraint product_pkey primary key (id),
  constraint product_status_check check (status in ('draft', 'published'))
);

create unique index idx_product_handle_unique on product (live_handle);
create index idx_product_status on product (status);
create index idx_product_deleted_at on product (deleted_at);
