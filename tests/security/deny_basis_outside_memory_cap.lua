-- expect: limit
-- 同上，用 r:deny(text, basis)：每次复制理由、依据，再拼接一份依据。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local text = string.rep("y", 1000)
  local r = base()
  while true do
    local denied = r:deny(text, text)
  end
end)
