// Medusa's JS SDK (@medusajs/js-sdk), unchanged, against a running `modlink serve`:
//   npm install && MODLINK_URL=http://localhost:9000 MODLINK_ADMIN_TOKEN=$(cat ../../.modlink/admin-token) node check.mjs
// Admin calls use `apiKey` (Authorization: Basic), store calls `publishableKey` (x-publishable-api-key).
// Prints one line per check and exits 1 at the first one that fails.
import Medusa, { FetchError } from "@medusajs/js-sdk"
import assert from "node:assert/strict"

const baseUrl = process.env.MODLINK_URL ?? "http://localhost:9000"
const admin = new Medusa({ baseUrl, apiKey: process.env.MODLINK_ADMIN_TOKEN })
let checks = 0

async function check(name, work) {
  try {
    await work()
    checks++
    console.log(`ok ${name}`)
  } catch (e) {
    console.log(`FAILED ${name}: ${e.stack ?? e}`)
    process.exit(1)
  }
}

async function fails(promise, status, message) {
  try {
    await promise
  } catch (e) {
    assert.ok(e instanceof FetchError, `a FetchError, got ${e}`)
    assert.equal(e.status, status)
    assert.equal(e.message, message)
    return
  }
  assert.fail(`expected ${status} "${message}"`)
}

const suffix = Date.now().toString(36)
let key, secret, web, app, shirt, mug

await check("admin.apiKey.create (publishable and secret)", async () => {
  ;({ api_key: key } = await admin.admin.apiKey.create({ title: `Storefront ${suffix}`, type: "publishable" }))
  assert.match(key.token, /^pk_/)
  ;({ api_key: secret } = await admin.admin.apiKey.create({ title: `Back office ${suffix}`, type: "secret" }))
  assert.match(secret.token, /^sk_/)
})
await check("admin.salesChannel.create", async () => {
  ;({ sales_channel: web } = await admin.admin.salesChannel.create({ name: `Web ${suffix}` }))
  ;({ sales_channel: app } = await admin.admin.salesChannel.create({ name: `App ${suffix}`, description: "mobile" }))
  assert.match(web.id, /^sc_/)
})
await check("admin.product.create (Medusa's shape, with options)", async () => {
  ;({ product: shirt } = await admin.admin.product.create({ title: `Shirt ${suffix}`, status: "published",
    options: [{ title: "Size", values: ["S", "M"] }] }))
  assert.equal(shirt.handle, `shirt-${suffix}`)
  assert.equal(shirt.options[0].values.length, 2)
  ;({ product: mug } = await admin.admin.product.create({ title: `Mug ${suffix}`, status: "published",
    options: [{ title: "Colour", values: ["White"] }] }))
})
await check("admin.apiKey.batchSalesChannels", async () => {
  const { api_key } = await admin.admin.apiKey.batchSalesChannels(key.id, { add: [web.id] })
  assert.deepEqual(api_key.sales_channels.map((c) => c.id), [web.id])
  await fails(admin.admin.apiKey.batchSalesChannels(secret.id, { add: [web.id] }), 400,
    "Sales channels can only be associated with publishable API keys")
  await fails(admin.admin.apiKey.batchSalesChannels(key.id, { add: ["sc_nope"] }), 400,
    "Sales channels with IDs sc_nope do not exist")
})
await check("admin.salesChannel.batchProducts", async () => {
  await admin.admin.salesChannel.batchProducts(web.id, { add: [shirt.id] })
  await admin.admin.salesChannel.batchProducts(app.id, { add: [mug.id] })
})
await check("admin lists with qs arrays, operator maps, fields, limit and order", async () => {
  const { api_keys, count, limit } = await admin.admin.apiKey.list({ id: [key.id, secret.id], order: "title",
    fields: "id,title,*sales_channels" })
  assert.equal(count, 2)
  assert.equal(limit, 20)
  assert.deepEqual(api_keys.map((k) => k.id), [secret.id, key.id])
  const { api_keys: revoked } = await admin.admin.apiKey.list({ id: [key.id], revoked_at: { $gte: "2000-01-01T00:00:00Z" } })
  assert.equal(revoked.length, 0)
  const { sales_channels } = await admin.admin.salesChannel.list({ publishable_key_id: key.id })
  assert.deepEqual(sales_channels.map((c) => c.id), [web.id])
  const { sales_channel } = await admin.admin.salesChannel.retrieve(web.id, { fields: "id,*publishable_api_keys" })
  assert.deepEqual(sales_channel.publishable_api_keys.map((k) => k.id), [key.id])
  const { products } = await admin.admin.product.list({ id: [shirt.id, mug.id], status: ["published"], limit: 1,
    offset: 1, order: "title" })
  assert.deepEqual(products.map((p) => p.id), [shirt.id])
  await fails(admin.admin.product.retrieve("prod_missing"), 404, "Product with id: prod_missing was not found")
  await fails(admin.admin.apiKey.retrieve("apk_missing"), 404, "API Key with id: apk_missing was not found")
})
await check("store.product.list and retrieve, scoped by the publishable key", async () => {
  const store = new Medusa({ baseUrl, publishableKey: key.token })
  const { products, count, limit } = await store.store.product.list({ fields: "id,title,handle" })
  assert.deepEqual(products.map((p) => p.id), [shirt.id])
  assert.equal(count, 1)
  assert.equal(limit, 50)
  const { product } = await store.store.product.retrieve(shirt.id)
  assert.equal(product.title, `Shirt ${suffix}`)
  await fails(store.store.product.retrieve(mug.id), 404, `Product with id: ${mug.id} was not found`)
  await fails(store.store.product.list({ sales_channel_id: [app.id] }), 400,
    "Requested sales channel is not part of the publishable key")
  const unknown = new Medusa({ baseUrl, publishableKey: "pk_unknown" })
  await fails(unknown.store.product.list(), 400, "A valid publishable key is required to proceed with the request")
})
await check("admin.apiKey.revoke (no body) and delete; a revoked key is refused in the store", async () => {
  await fails(admin.admin.apiKey.delete(key.id), 400, `Cannot delete api keys that are not revoked - ${key.id}`)
  const { api_key } = await admin.admin.apiKey.revoke(key.id)
  assert.ok(api_key.revoked_at)
  const store = new Medusa({ baseUrl, publishableKey: key.token })
  await fails(store.store.product.list(), 400, "A valid publishable key is required to proceed with the request")
  const deleted = await admin.admin.apiKey.delete(key.id)
  assert.deepEqual(deleted, { id: key.id, object: "api_key", deleted: true })
})
await check("admin deletes of channels and products", async () => {
  assert.deepEqual(await admin.admin.salesChannel.delete(app.id), { id: app.id, object: "sales-channel", deleted: true })
  assert.deepEqual(await admin.admin.product.delete(mug.id), { id: mug.id, object: "product", deleted: true })
  await admin.admin.apiKey.revoke(secret.id)
  await admin.admin.apiKey.delete(secret.id)
})
console.log(`${checks} passed, 0 failed`)
