import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs } from './support/auth.ts';

test('an organizer asks to manage a network, an admin approves, the organizer edits it and invites a moderator', async ({
	browser
}) => {
	const organizerContext = await browser.newContext();
	const organizer = await signInAs(organizerContext, 'neighbor', 'Olu Organizer');
	const page = await organizerContext.newPage();

	await page.goto('/networks/red-hook-mutual-aid');
	await page.getByRole('link', { name: 'Do you organize this network? Ask to manage it' }).click();
	await expectAccessible(page);
	await page.getByLabel('Your role in the network').fill('Volunteer coordinator');
	await page.getByLabel('How can we verify it?').fill('Message our Facebook page');
	await page.getByRole('button', { name: 'Send request' }).click();
	await expect(page.getByRole('status')).toContainText('A site admin will get in touch');

	const adminContext = await browser.newContext();
	await signInAs(adminContext, 'admin', 'Ada Admin');
	const admin = await adminContext.newPage();
	await admin.goto('/admin');
	const request = admin.getByRole('listitem').filter({ hasText: organizer.email });
	await expect(request).toContainText('Role: Volunteer coordinator');
	await expectAccessible(admin);
	await request.getByRole('button', { name: 'Approve' }).click();
	await expect(admin.getByRole('status')).toHaveText('Decision saved.');

	await page.goto('/networks/red-hook-mutual-aid');
	await expect(page.getByText('Verified by its organizers')).toBeVisible();
	await page.getByRole('link', { name: 'Edit this network' }).click();
	await expectAccessible(page);
	await page
		.getByLabel('About the network (shown on its page)')
		.fill('Phone buddies for elders in Red Hook.');
	await page.getByLabel('Hotline').fill('718 555 0123');
	await page.getByRole('checkbox', { name: 'Español' }).check();
	await page.getByText(/neighborhoods? covered/).click();
	await page.getByRole('checkbox', { name: 'Sunset Park (West)' }).check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText('Saved.');
	await page.getByLabel('Email address').fill(`new-mod-${Date.now()}@example.org`);
	await page.getByRole('button', { name: 'Invite' }).click();
	await expect(page.getByRole('status')).toContainText('Invitation sent');

	await page.goto('/networks/red-hook-mutual-aid');
	await expect(page.getByText('Phone buddies for elders in Red Hook.')).toBeVisible();
	await expect(page.getByText('Languages: Español')).toBeVisible();
	await expect(
		page.getByRole('region', { name: 'Covers' }).getByRole('link', { name: 'Sunset Park (West)' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: '718 555 0123' })).toHaveAttribute('href', 'tel:7185550123');

	// Someone who does not organize it cannot edit it.
	const strangerContext = await browser.newContext();
	await signInAs(strangerContext, 'neighbor', 'Stranger');
	const stranger = await strangerContext.newPage();
	expect((await stranger.goto('/networks/red-hook-mutual-aid/edit'))?.status()).toBe(404);
	for (const context of [organizerContext, adminContext, strangerContext]) await context.close();
});
