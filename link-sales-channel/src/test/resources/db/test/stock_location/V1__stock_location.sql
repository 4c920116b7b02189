-- a test module linked to sales channels, as Medusa's stock locations are
create table stock_location (
  id varchar(255) not null primary key,
  name varchar(255),
  deleted_at ${modlink_timestamp}
);
