-- The channels money from an organization reaches campaigns through: the one list. org_money_rows_live
-- (money.sql) puts every attributed row in exactly one of them; the explorer offers them in this order.
CREATE TABLE IF NOT EXISTS org_channels (
    channel     VARCHAR PRIMARY KEY,
    position    INTEGER NOT NULL,
    added       BOOLEAN NOT NULL,
    description VARCHAR NOT NULL
);
COMMENT ON TABLE org_channels IS 'The channels of org_money, in the order the explorer shows them; to_own_pac is kept apart and never added.';
COMMENT ON COLUMN org_channels.channel IS 'Channel name as in org_money_rows.channel.';
COMMENT ON COLUMN org_channels.position IS 'Order in which the explorer lists the channel.';
COMMENT ON COLUMN org_channels.added IS 'True when the channel''s money may be added to the others; false for to_own_pac (the pac channel counts that money when the PAC gives it out).';
COMMENT ON COLUMN org_channels.description IS 'Which rows are in the channel.';
INSERT OR REPLACE INTO org_channels VALUES
 ('employees', 1, true, 'Individuals whose employer string is attributed to the organization.'),
 ('executives_and_households', 2, true, 'Registry people: executives and their household members.'),
 ('pac', 3, true, 'The organization''s own PAC''s contributions out (24K, 24R, 24Z).'),
 ('corporate', 4, true, 'The organization''s own gifts (entity ORG, by its name).'),
 ('inaugural', 5, true, 'Gifts to an inaugural committee (Form 13, or a committee of organization type I).'),
 ('to_own_pac', 6, false, 'Gifts of the organization''s people to its own PAC: counted again when the PAC gives them out.');
