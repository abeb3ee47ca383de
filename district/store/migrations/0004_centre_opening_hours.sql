-- A centre's opening hours in OpenStreetMap's opening_hours syntax, so a kiosk can say
-- whether it is open now; '' where not known.

ALTER TABLE centres ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '';
