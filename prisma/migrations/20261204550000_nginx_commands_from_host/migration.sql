-- NGINX routers no longer choose what the controller runs: the nginx binary and a reload command
-- come from the controller's environment (SWITCHYARD_NGINX_BINARY, SWITCHYARD_NGINX_RELOAD_COMMAND),
-- and the adapter refuses settings that carry them. Stored settings lose the two keys, so a router
-- registered with them keeps working (with the controller's binary and reload).
UPDATE "routers"
SET "settings" = "settings" - 'nginxBinary' - 'reloadCommand'
WHERE "type" = 'nginx' AND ("settings" ? 'nginxBinary' OR "settings" ? 'reloadCommand');
