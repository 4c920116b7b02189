-- the stand-in sales channel module of the tests: this artifact never depends on link-sales-channel
create table sales_channel (
  id varchar(255) not null primary key,
  name varchar(255)
);
