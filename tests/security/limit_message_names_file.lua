-- expect: limit
-- message: 510104.lua:
-- 超限的出错信息应当写明规则文件和行号（SPEC §6），好让县里知道是哪一行。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local i = 0
  while true do
    i = i + 1
  end
end)
