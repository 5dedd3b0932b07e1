-- expect: limit
-- 抛表、接住、再抛。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local e = { reason = "again" }
  while true do
    local ok, err = pcall(error, e)
    if type(err) ~= "table" then return base() end
  end
end)
