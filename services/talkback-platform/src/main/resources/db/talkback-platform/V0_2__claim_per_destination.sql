-- The relay now runs one claiming loop per destination (OutboxRelay), so a claim reads one destination's due
-- deliveries in event order.
drop index outbox_delivery_due;
create index outbox_delivery_due on outbox_delivery (destination, seq) where delivered_at is null and parked_at is null;
