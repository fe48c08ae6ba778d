-- 200 readers across articles (three languages), listings, home and search pages.
local paths = {
  "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/",
  "/es/orientacion/como-sanar-despues-de-una-relacion-de-vinculo-traumatico/",
  "/ar/guidance/how-to-heal-after-a-trauma-bond-relationship/",
  "/en-gb/",
  "/en-gb/guidance/",
  "/en-gb/search/?q=trauma+bond",
  "/es/search/?q=terapia",
  "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/",
}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
